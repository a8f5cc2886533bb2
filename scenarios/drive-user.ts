/**
 * A Drive user: open Drive (the list), upload one file, see it in the list,
 * download it, then browse the list and download again until the session
 * ends. Sizes come from a fixed list (100 KB – 5 MB), taken in turn, so every
 * run moves the same bytes. Cleanup: the uploaded file; then logout.
 */
import exec from 'k6/execution';
import { UiSession } from '../src/k6/ui-session.ts';
import { refreshMail } from './lib/ui.ts';

const KB = 1024;
export const FILE_SIZES = [100 * KB, 500 * KB, 1024 * KB, 2 * 1024 * KB, 5 * 1024 * KB] as const;
const LIVE_GAP = 20;

export default function driveUser(): void {
  const session = new UiSession({ refresh: refreshMail });
  if (!session.start()) return;
  const ox = session.ox;

  if (session.think()) ox.drive.open();
  let uploadedId: string | undefined;
  if (session.think()) {
    const size = FILE_SIZES[(exec.vu.idInTest + exec.vu.iterationInScenario) % FILE_SIZES.length] ?? FILE_SIZES[0];
    const uploaded = ox.drive.upload(size);
    const folder = ox.folders.infostore;
    if (uploaded.ok && uploaded.data !== undefined && folder !== undefined) {
      const ref = { id: String(uploaded.data), folder };
      uploadedId = ref.id;
      session.onCleanup(() => ox.drive.remove([ref]));
    }
  }
  if (session.think()) ox.drive.all();
  if (uploadedId !== undefined && session.think()) ox.drive.download(uploadedId);
  session.live(() => {
    ox.drive.all();
    if (uploadedId !== undefined) ox.drive.download(uploadedId);
  }, LIVE_GAP);
  session.end();
}
