import { byId, h } from "../dom.js";
import type { ErrorText } from "../error-text.js";

const TOAST_MS = 6_000;

/**
 * Shows an error in the corner for a few seconds; a click dismisses it.
 *
 * @example
 * showToast({ title: "File too large", detail: "the limit is 2 MB." });
 */
export function showToast({ title, detail }: ErrorText, kind: "error" | "info" = "error"): HTMLElement {
  const toast = h(
    "div",
    { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status" },
    h("strong", { class: "toast-title" }, title),
    h("span", { class: "toast-detail" }, detail),
  );
  const dismiss = () => {
    toast.classList.add("toast-leaving");
    setTimeout(() => toast.remove(), 200);
  };
  toast.addEventListener("click", dismiss);
  setTimeout(dismiss, TOAST_MS);
  byId("toasts").append(toast);
  return toast;
}
