// The frame of a main screen. Its heading takes the focus when the screen opens, so that
// keyboard and screen-reader users land at the start of the new content.
import { useEffect, useRef, type ReactNode } from 'react';
import { takeHeadingFocus } from '../shell/navigation.tsx';

export function Screen({ title, intro, actions, children }: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only when the user moved here; the very first screen focuses its primary control.
    const active = document.activeElement;
    if (takeHeadingFocus() || (active !== null && active.closest('nav') !== null)) heading.current?.focus();
  }, []);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <div>
          <h1 id="screen-title" tabIndex={-1} ref={heading}>
            {title}
          </h1>
          {intro === undefined ? null : <p className="intro">{intro}</p>}
        </div>
        {actions === undefined ? null : <div className="screen-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
