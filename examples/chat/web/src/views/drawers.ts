import type { Shell } from "./shell-view.js";

export type Drawer = "rooms" | "people";

/** Where each panel stops being a drawer: the stylesheet's breakpoints. */
const DRAWER_WIDTHS: Record<Drawer, string> = { rooms: "(max-width: 640px)", people: "(max-width: 900px)" };

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]";

/**
 * On a narrow screen the rooms and the people panels slide over the conversation: their toggles
 * open them, the dimmed page behind, a close button or Escape close them. An open drawer is modal:
 * focus moves into it, Tab and Shift+Tab cycle within it, and everything behind it is `inert` (no
 * Tab, no click, no screen reader reaches it) until it closes and focus is back on its toggle. On a
 * wide screen the panels are always shown and the stylesheet hides the toggles, so this does
 * nothing visible; a drawer left open when the window widens past its breakpoint closes.
 *
 * @example
 * const drawers = wireDrawers(shell);
 * drawers.close(); // after a room was opened from the rooms drawer
 */
export function wireDrawers(shell: Shell): { open(drawer: Drawer): void; close(): void } {
  const toggles: Record<Drawer, HTMLButtonElement> = { rooms: shell.roomsToggle, people: shell.peopleToggle };
  const panels: Record<Drawer, HTMLElement> = {
    rooms: shell.layout.querySelector<HTMLElement>("#rooms-panel")!,
    people: shell.layout.querySelector<HTMLElement>("#people-panel")!,
  };
  const [scrim] = shell.drawerClosers;
  const current = () => (shell.layout.dataset.drawer || undefined) as Drawer | undefined;
  const set = (drawer: Drawer | "") => {
    const previous = current();
    shell.layout.dataset.drawer = drawer;
    for (const [name, toggle] of Object.entries(toggles)) toggle.setAttribute("aria-expanded", String(name === drawer));
    // Behind an open drawer, the rest of the layout (the scrim excepted: a tap on it closes).
    for (const part of Array.from(shell.layout.children))
      (part as HTMLElement).inert = drawer !== "" && part !== panels[drawer] && part !== scrim;
    // Back to where the person was: the toggle that opened the drawer.
    if (drawer === "" && previous !== undefined) toggles[previous].focus({ preventScroll: true });
  };
  const open = (drawer: Drawer) => {
    set(current() === drawer ? "" : drawer);
    // Into the drawer, on its close button: a text field would pop up a phone's keyboard.
    if (current() === drawer) shell.drawerClosers[drawer === "rooms" ? 1 : 2]?.focus({ preventScroll: true });
  };
  /** Tab past the drawer's last control comes back to its first, Shift+Tab before its first to its last. */
  const cycle = (event: KeyboardEvent, drawer: Drawer) => {
    const stops = Array.from(panels[drawer].querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
    );
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (first === undefined || last === undefined) return;
    const active = document.activeElement;
    const inside = active instanceof Node && panels[drawer].contains(active);
    if (event.shiftKey && (!inside || active === first)) last.focus();
    else if (!event.shiftKey && (!inside || active === last)) first.focus();
    else return;
    event.preventDefault();
  };
  shell.roomsToggle.addEventListener("click", () => open("rooms"));
  shell.peopleToggle.addEventListener("click", () => open("people"));
  for (const closer of shell.drawerClosers) closer.addEventListener("click", () => set(""));
  document.addEventListener("keydown", (event) => {
    const drawer = current();
    if (drawer === undefined) return;
    if (event.key === "Escape") set("");
    else if (event.key === "Tab") cycle(event, drawer);
  });
  for (const [drawer, query] of Object.entries(DRAWER_WIDTHS) as [Drawer, string][])
    matchMedia(query).addEventListener("change", (change) => {
      if (!change.matches && current() === drawer) set("");
    });
  return { open, close: () => set("") };
}
