import type { Shell } from "./shell-view.js";

export type Drawer = "rooms" | "people";

/**
 * On a narrow screen the rooms and the people panels slide over the conversation: their toggles
 * open them, the dimmed page behind, a close button or Escape close them. On a wide screen the
 * panels are always shown and the stylesheet hides the toggles, so this does nothing visible.
 *
 * @example
 * const drawers = wireDrawers(shell);
 * drawers.close(); // after a room was opened from the rooms drawer
 */
export function wireDrawers(shell: Shell): { open(drawer: Drawer): void; close(): void } {
  const toggles: Record<Drawer, HTMLButtonElement> = { rooms: shell.roomsToggle, people: shell.peopleToggle };
  const set = (drawer: Drawer | "") => {
    const previous = shell.layout.dataset.drawer;
    shell.layout.dataset.drawer = drawer;
    for (const [name, toggle] of Object.entries(toggles)) toggle.setAttribute("aria-expanded", String(name === drawer));
    // Back to where the person was: the toggle that opened the drawer.
    if (drawer === "" && previous !== undefined && previous !== "")
      toggles[previous as Drawer].focus({ preventScroll: true });
  };
  const open = (drawer: Drawer) => {
    set(shell.layout.dataset.drawer === drawer ? "" : drawer);
    // Into the drawer, on its close button: a text field would pop up a phone's keyboard.
    if (shell.layout.dataset.drawer === drawer)
      shell.drawerClosers[drawer === "rooms" ? 1 : 2]?.focus({ preventScroll: true });
  };
  shell.roomsToggle.addEventListener("click", () => open("rooms"));
  shell.peopleToggle.addEventListener("click", () => open("people"));
  for (const closer of shell.drawerClosers) closer.addEventListener("click", () => set(""));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && shell.layout.dataset.drawer !== "") set("");
  });
  return { open, close: () => set("") };
}
