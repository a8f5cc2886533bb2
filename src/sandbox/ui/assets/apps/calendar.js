// Calendar: work-week or week view of chronos?action=all (rangeStart/rangeEnd
// in UTC), a month date picker and the appointment detail side popup. Like the
// real UI it opens in the user's `viewView` (default 'week:workweek'), one
// page per layout (`data-page-id="io.ox/calendar/<layout>"`, a start page
// first), and switches through the toolbar's View dropdown. Class names
// follow App Suite's pageobjects/calendar.js.
import * as api from '../api.js';
import { $, fill, h } from '../dom.js';
import { dropdown, header, option } from '../dropdown.js';
import { action, appWindow, busyIndicator, classicToolbar, errorMessage, folderNode, userConfig, userSettings } from '../window.js';

/** The layouts the stand-in draws, with their number of days; others fall back to the default. */
const LAYOUTS = {
  'week:day': { label: 'Day', days: 1, mode: 'day' },
  'week:workweek': { label: 'Workweek', days: 5, mode: 'workweek' },
  'week:week': { label: 'Week', days: 7, mode: 'week' },
};
const DEFAULT_LAYOUT = 'week:workweek';
/**
 * On a phone the real UI has no work-week or week page and opens those
 * settings as 'week:day' (FE calendar main.js: `_.device('smartphone')`).
 */
const phone = () => matchMedia('(max-width: 540px)').matches;
function effectiveLayout(name) {
  const wanted = LAYOUTS[name] ? name : DEFAULT_LAYOUT;
  return phone() && wanted !== 'week:day' ? 'week:day' : wanted;
}

const HOUR_PX = 48;
const dayLabel = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric' });
const monthLabel = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' });
const timeLabel = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const fullLabel = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short' });

/** Monday 00:00 local time of the week containing `date`. */
function weekStart(date) {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}

function addDays(date, days) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** RFC 5545 UTC date-time, as chronos wants rangeStart/rangeEnd. */
function utcStamp(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function isoDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Offset (ms) of zone `tz` at instant `utcMs`, from what Intl shows there. */
function zoneOffset(utcMs, tz) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - utcMs;
}

/** A chronos DateTimeData ({value, tzid}) as a Date; all-day values are local midnight. */
export function toDate({ value, tzid } = {}) {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value ?? '');
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, z] = m;
  if (hh === undefined) return new Date(+y, +mo - 1, +d);
  const wall = Date.UTC(+y, +mo - 1, +d, +hh, +mm, +ss);
  if (z || !tzid || tzid === 'UTC') return new Date(wall);
  try {
    const guess = wall - zoneOffset(wall, tzid);
    return new Date(wall - zoneOffset(guess, tzid));
  } catch {
    return new Date(+y, +mo - 1, +d, +hh, +mm, +ss); // unknown zone: take it as local time
  }
}

export function createApp() {
  let start = weekStart(new Date());
  const picker = h('div', { class: 'date-picker', role: 'region', 'aria-label': 'Date picker' });
  const tree = h('div', { class: 'tree-container' }, h('div', { class: 'folder-tree', role: 'navigation', 'aria-label': 'Calendars' }));
  const title = h('span', { class: 'title' });
  const pageOf = (name) => h('div', { class: 'io-ox-pagecontroller page', 'data-page-id': `io.ox/calendar/${name}` });
  const startPage = pageOf('start');
  startPage.classList.add('current');
  const pages = Object.fromEntries(Object.keys(LAYOUTS).map((name) => [name, pageOf(name)]));
  let layout = null;
  let started = false;
  const viewMenu = dropdown({ label: 'View', attributes: { 'data-dropdown': 'view' } },
    header('Layout'),
    ...Object.entries(LAYOUTS).filter(([name]) => !phone() || name === 'week:day')
      .map(([name, { label }]) => option('layout', name, label, { onselect: (value) => setLayout(value) })));
  const popup = h('div', { class: 'io-ox-sidepopup', role: 'dialog', hidden: true });
  const win = appWindow('calendar', 'io.ox/calendar',
    h('div', { class: 'io-ox-calendar-main window-container' },
      h('div', { class: 'window-sidepanel' }, picker, tree),
      h('div', { class: 'window-body' },
        classicToolbar('Actions',
          action('today', 'Today', () => go(new Date())),
          action('prev', '‹', () => go(addDays(start, -step())), { 'aria-label': 'Previous period' }),
          action('next', '›', () => go(addDays(start, step())), { 'aria-label': 'Next period' }),
          title,
          viewMenu),
        startPage, ...Object.values(pages))),
    popup);

  function setLayout(name) {
    layout = effectiveLayout(name);
    for (const page of [startPage, ...Object.values(pages)]) page.classList.toggle('current', page === pages[layout]);
    for (const entry of viewMenu.querySelectorAll('a[data-name="layout"]')) entry.setAttribute('aria-checked', String(entry.dataset.value === layout));
    // The day view starts at today, the week views at the Monday of the shown week.
    return go(layout === 'week:day' ? new Date() : start);
  }

  /** Days one click on previous/next moves: a day in the day view, else a week. */
  const step = () => (layout === 'week:day' ? 1 : 7);

  function go(newStart) {
    start = layout === 'week:day' ? new Date(newStart.getFullYear(), newStart.getMonth(), newStart.getDate()) : weekStart(newStart);
    return load();
  }

  function drawPicker() {
    const first = new Date(start.getFullYear(), start.getMonth(), 1);
    const gridStart = weekStart(first);
    const today = isoDay(new Date());
    const rows = [];
    for (let week = 0; week < 6; week += 1) {
      rows.push(h('tr', {}, Array.from({ length: 7 }, (_, i) => {
        const day = addDays(gridStart, week * 7 + i);
        const classes = ['date', day.getMonth() === first.getMonth() ? '' : 'outside', isoDay(day) === today ? 'today' : ''].filter(Boolean).join(' ');
        return h('td', { class: classes, 'data-date': isoDay(day), role: 'button', onclick: () => go(day), text: day.getDate() });
      })));
    }
    fill(picker,
      h('div', { class: 'month-label', text: monthLabel.format(first) }),
      h('table', { role: 'grid' },
        h('thead', {}, h('tr', {}, ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => h('th', { text: d })))),
        h('tbody', {}, rows)));
  }

  async function drawTree() {
    const config = await userConfig();
    const id = config.folder?.calendar ? `cal://0/${config.folder.calendar}` : 'cal://0/default';
    const node = folderNode(id, 'Calendar');
    node.classList.add('selected');
    fill($('.folder-tree', tree), h('ul', { role: 'tree' }, node));
  }

  function showDetail(event) {
    const start = toDate(event.startDate);
    const end = toDate(event.endDate);
    fill(popup,
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close', text: '×', onclick: () => { popup.hidden = true; } }),
      h('div', { class: 'calendar-detail', 'data-cid': `${event.folder}.${event.id}` },
        h('h1', { class: 'subject', text: event.summary || '(no title)' }),
        h('div', { class: 'date-time', text: `${start ? fullLabel.format(start) : ''} – ${end ? fullLabel.format(end) : ''}` }),
        event.location ? h('div', { class: 'location', text: event.location }) : null,
        event.description ? h('div', { class: 'note', style: 'white-space: pre-wrap', text: event.description }) : null));
    popup.hidden = false;
  }

  function appointment(event, top, height) {
    return h('div', {
      class: 'appointment', role: 'button', tabindex: '0', 'data-cid': `${event.folder}.${event.id}`, 'data-folder': event.folder,
      style: top === undefined ? null : `top:${top}px;height:${Math.max(height, 18)}px`, onclick: () => showDetail(event),
    }, h('div', { class: 'appointment-content' },
      h('div', { class: 'title', text: event.summary || '(no title)' }),
      event.location ? h('div', { class: 'location', text: event.location }) : null));
  }

  async function load() {
    const { days: count, mode } = LAYOUTS[layout];
    const page = pages[layout];
    const end = addDays(start, count);
    const days = Array.from({ length: count }, (_, i) => addDays(start, i));
    title.textContent = `${monthLabel.format(start)}, week of ${dayLabel.format(start)}`;
    drawPicker();
    fill(page, busyIndicator());
    let events;
    try {
      events = await api.request('chronos', { action: 'all', rangeStart: utcStamp(start), rangeEnd: utcStamp(end), fields: 'id,folder,summary,location,description,startDate,endDate', expand: true });
    } catch (error) {
      return fill(page, errorMessage(error));
    }
    const today = isoDay(new Date());
    const fulltime = days.map((day) => h('div', { class: 'fulltime-day', 'data-date': isoDay(day) }));
    const columns = days.map((day) => h('div', { class: `day${isoDay(day) === today ? ' today' : ''}`, 'data-date': isoDay(day), role: 'gridcell' }));
    for (const event of events) {
      const from = toDate(event.startDate);
      const to = toDate(event.endDate) ?? from;
      if (!from) continue;
      const allDay = !/T/.test(event.startDate?.value ?? '');
      days.forEach((day, i) => {
        const dayStart = day.getTime();
        const dayEnd = addDays(day, 1).getTime();
        if (to.getTime() <= dayStart || from.getTime() >= dayEnd) return;
        if (allDay) return fulltime[i].append(appointment(event));
        const top = (Math.max(from.getTime(), dayStart) - dayStart) / 3600000 * HOUR_PX;
        const bottom = (Math.min(to.getTime(), dayEnd) - dayStart) / 3600000 * HOUR_PX;
        columns[i].append(appointment(event, top, bottom - top));
      });
    }
    const scrollpane = h('div', { class: 'scrollpane' },
      h('div', { class: 'week-container' },
        h('div', { class: 'time-labels', 'aria-hidden': 'true' }, Array.from({ length: 24 }, (_, hour) => h('div', { class: 'time', text: timeLabel.format(new Date(2000, 0, 1, hour)) }))),
        columns));
    fill(page,
      h('div', { class: `weekview-container ${mode}`, role: 'grid', 'aria-label': title.textContent },
        h('div', { class: 'header' }, days.map((day) => h('div', { class: `weekday${isoDay(day) === today ? ' today' : ''}`, 'data-date': isoDay(day), text: dayLabel.format(day) }))),
        h('div', { class: 'fulltime-container' }, fulltime),
        scrollpane));
    requestAnimationFrame(() => { scrollpane.scrollTop = 7 * HOUR_PX; });
  }

  return {
    window: win,
    async show() {
      if (started) return;
      started = true;
      const { viewView } = await userSettings('io.ox/calendar');
      await Promise.all([drawTree(), setLayout(viewView)]);
    },
    refresh: () => (layout ? load() : undefined),
  };
}

