// Focus on mount, as a Svelte action. Used instead of the `autofocus`
// attribute: WebKit applies `autofocus` at a later rendering step and can
// then pull the focus back from a field the volunteer is already typing in.
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
