/**
 * A Drive user: upload one file and download it again. Sizes come from a
 * fixed list (100 KB – 5 MB), taken in turn, so every run moves the same bytes.
 */
import exec from 'k6/execution';
import { OxClient, think } from '../src/k6/index.ts';

const KB = 1024;
export const FILE_SIZES = [100 * KB, 500 * KB, 1024 * KB, 2 * 1024 * KB, 5 * 1024 * KB] as const;

export default function driveUser(): void {
  const ox = new OxClient();
  if (!ox.login().ok) return;
  ox.boot();
  think();

  const size = FILE_SIZES[(exec.vu.idInTest + exec.vu.iterationInScenario) % FILE_SIZES.length] ?? FILE_SIZES[0];
  const uploaded = ox.drive.upload(size);
  think();
  ox.drive.all();
  if (uploaded.ok && uploaded.data !== undefined) {
    think();
    ox.drive.download(String(uploaded.data));
  }
  think();
  ox.logout();
}
