// A new endpoint's signing secret, shown this once: the node keeps it to sign, and never
// lists it again. The CRM checks each event's webhook-signature with it.
import { Modal } from '../components/modal.tsx';
import { CopyButton } from '../people/copy-button.tsx';

export function WebhookSecret({ url, secret, onClose }: { url: string; secret: string; onClose: () => void }) {
  return (
    <Modal title="Copy the signing secret now" onClose={onClose}>
      <div className="modal-body">
        <p>
          Endpoint <span className="mono">{url}</span> is added. Give your CRM this secret: it checks with it that each event comes from your node.
        </p>
        <p className="secret mono" aria-label="Signing secret">
          {secret}
        </p>
        <div className="actions left">
          <CopyButton text={secret} label="Copy secret" />
        </div>
        <p className="note">
          <strong>This is the only time it is shown.</strong> If it is lost, remove the endpoint and add it again for a new secret.
        </p>
      </div>
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          I have copied it
        </button>
      </div>
    </Modal>
  );
}
