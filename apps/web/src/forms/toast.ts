/**
 * A short message that outlives the page that shows it (e.g. "Sent" as the form closes and the record opens).
 * Plain DOM so it needs no provider in the app shell; announced to screen readers through role="status".
 */
export function showToast(message: string, kind: 'success' | 'info' | 'error' = 'success', ms = 6000): void {
  const colours = { success: '#2b8a3e', info: '#1c4e80', error: '#c92a2a' };
  const el = document.createElement('div');
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.dataset.testid = 'toast';
  el.textContent = message;
  Object.assign(el.style, {
    position: 'fixed',
    left: '50%',
    bottom: '24px',
    transform: 'translateX(-50%)',
    maxWidth: 'min(92vw, 560px)',
    padding: '12px 18px',
    borderRadius: '6px',
    background: colours[kind],
    color: '#fff',
    font: '15px system-ui, sans-serif',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)',
    zIndex: '1000',
    cursor: 'pointer',
  });
  const remove = () => el.remove();
  el.addEventListener('click', remove);
  document.body.appendChild(el);
  setTimeout(remove, ms);
}
