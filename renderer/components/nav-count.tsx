// A count beside a navigation entry (Inbox, Conversations), so what waits is noticed from
// any screen. Says nothing at zero.
export function NavCount({ count, label }: { count: number; label: string }) {
  if (count === 0) return null;
  // The space keeps the button's accessible name "Inbox 2 waiting", not "Inbox2 waiting".
  return (
    <>
      {' '}
      <span className="nav-count">
        {count}
        <span className="visually-hidden"> {label}</span>
      </span>
    </>
  );
}
