const SVG = "http://www.w3.org/2000/svg";

/** Stroke icons on a 24-pixel grid, coloured by `currentColor` (the stylesheet sizes them). */
const PATHS = {
  paperclip: ["M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"],
  person: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21a8 8 0 0 1 16 0"],
  people: [
    "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
    "M2 21a7 7 0 0 1 14 0",
    "M16 3.1a4 4 0 0 1 0 7.8",
    "M18 14.3a7 7 0 0 1 4 6.7",
  ],
  menu: ["M4 6h16", "M4 12h16", "M4 18h16"],
  close: ["M6 6l12 12", "M18 6L6 18"],
  offline: [
    "M2 2l20 20",
    "M8.5 16.5a5 5 0 0 1 7 0",
    "M5 12.9a10 10 0 0 1 5.2-2.8",
    "M19 12.9a10 10 0 0 0-2.3-1.6",
    "M12 20h.01",
  ],
} as const;

/**
 * An inline SVG icon, hidden from screen readers: the control around it carries the words.
 *
 * @example
 * h("button", { "aria-label": "Attach a file" }, icon("paperclip"));
 */
export function icon(name: keyof typeof PATHS): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `icon icon-${name}`);
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
