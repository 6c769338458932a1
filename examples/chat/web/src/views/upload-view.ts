import { formatBytes, h } from "../dom.js";

/** One upload's row above the message box: its progress, and a way to stop it. */
export interface UploadRow {
  /** Shows `sent` of the file's bytes as gone. */
  progress(sent: number): void;
  remove(): void;
}

/**
 * Adds a row for an upload under way: the file's name, a bar with its percentage, how much has
 * gone, and a Cancel button.
 *
 * @example
 * const row = renderUpload(shell.uploads, file, () => controller.abort());
 * row.progress(1_000_000);
 */
export function renderUpload(list: HTMLUListElement, file: File, onCancel: () => void): UploadRow {
  const fill = h("span", { class: "upload-fill" });
  const bar = h(
    "span",
    {
      class: "upload-bar",
      role: "progressbar",
      "aria-label": `Uploading ${file.name}`,
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
    },
    fill,
  );
  const amount = h("span", { class: "upload-amount" });
  const cancel = h(
    "button",
    { class: "button button-ghost upload-cancel", type: "button", "aria-label": `Cancel the upload of ${file.name}` },
    "Cancel",
  );
  const row = h(
    "li",
    { class: "upload" },
    h(
      "span",
      { class: "file-icon", "aria-hidden": "true" },
      (file.name.split(".").pop() ?? "file").slice(0, 4).toUpperCase(),
    ),
    h("span", { class: "upload-main" }, h("span", { class: "upload-name" }, file.name), bar),
    amount,
    cancel,
  );
  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    onCancel();
  });
  const progress = (sent: number) => {
    const percent = file.size === 0 ? 100 : Math.floor((sent / file.size) * 100);
    bar.setAttribute("aria-valuenow", String(percent));
    fill.style.width = `${percent}%`;
    amount.textContent = `${percent}% · ${formatBytes(sent)} of ${formatBytes(file.size)}`;
  };
  progress(0);
  list.append(row);
  return { progress, remove: () => row.remove() };
}
