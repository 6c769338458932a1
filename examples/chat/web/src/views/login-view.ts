import { h } from "../dom.js";

export interface LoginView {
  showError(message: string): void;
  setBusy(busy: boolean): void;
}

const NAME_KEY = "chat.name";

/**
 * The first screen: a display name, remembered for next time, then `onSubmit`.
 *
 * @example
 * const login = renderLogin(root, (name) => connect(name));
 */
export function renderLogin(root: HTMLElement, onSubmit: (name: string) => void): LoginView {
  const input = h("input", {
    id: "name",
    name: "name",
    autocomplete: "nickname",
    placeholder: "Ada Lovelace",
    value: localStorage.getItem(NAME_KEY) ?? "",
    required: true,
  });
  const error = h("p", { class: "login-error", role: "alert", hidden: true });
  const button = h("button", { class: "button button-primary", type: "submit" }, "Join the chat");
  const form = h(
    "form",
    { class: "login-card", novalidate: true },
    h(
      "div",
      { class: "brand brand-large" },
      h("span", { class: "brand-mark", "aria-hidden": "true" }),
      h("span", {}, "Chat"),
    ),
    h("p", { class: "login-lead" }, "Rooms, files and live presence over one typed Socket.IO contract."),
    h("label", { class: "field-label", for: "name" }, "Your display name"),
    input,
    error,
    button,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (name === "") return view.showError("Pick a name so people know who is talking.");
    localStorage.setItem(NAME_KEY, name);
    onSubmit(name);
  });
  root.dataset.state = "login";
  root.replaceChildren(h("main", { class: "login" }, form));
  input.focus();

  const view: LoginView = {
    showError(message) {
      error.textContent = message;
      error.hidden = false;
    },
    setBusy(busy) {
      button.disabled = busy;
      button.textContent = busy ? "Connecting…" : "Join the chat";
      if (busy) error.hidden = true;
    },
  };
  return view;
}
