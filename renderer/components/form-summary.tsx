// The line at the top of a form that failed its checks: how many fields need attention
// (each says what is wrong beside it). Nothing while all is well.
export function FormSummary({ problems }: { problems: Readonly<Record<string, string | undefined>> }) {
  const count = Object.values(problems).filter((problem) => problem !== undefined).length;
  if (count === 0) return null;
  return (
    <p className="form-summary" role="alert">
      {count === 1 ? 'One field needs attention.' : `${count} fields need attention.`}
    </p>
  );
}
