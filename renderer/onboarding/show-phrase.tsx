// Step 2: the 24-word recovery phrase, shown once. It is the key itself (BIP-39 entropy),
// so it brings the identity back on a new computer — and gives it to anyone who reads it.
export function ShowPhrase({ words, onWritten }: { words: readonly string[]; onWritten: () => void }) {
  return (
    <div className="card onboarding wide">
      <h1>Your recovery phrase</h1>
      <p>
        Write these {words.length} words on paper, in order, and keep them somewhere safe. They are the only way to bring your identity back if this
        computer is lost or you forget your passphrase. Anyone who has them can become you, so never type them into a website.
      </p>
      <ol className="phrase" aria-label="Recovery phrase">
        {words.map((word, index) => (
          <li key={index}>
            <span className="phrase-number">{index + 1}</span> <span className="phrase-word">{word}</span>
          </li>
        ))}
      </ol>
      <p className="note">Kith shows this phrase only now.</p>
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onWritten}>
          I have written it down
        </button>
      </div>
    </div>
  );
}
