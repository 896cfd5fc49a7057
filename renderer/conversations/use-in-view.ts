// Whether the window is visible and focused, kept current: a thread marks messages read
// only while the person can actually see it.
import { useEffect, useState } from 'react';

function attending(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

export function useInView(): boolean {
  const [inView, setInView] = useState(attending);
  useEffect(() => {
    const update = () => setInView(attending());
    document.addEventListener('visibilitychange', update);
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, []);
  return inView;
}
