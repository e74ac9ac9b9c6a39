/**
 * The upload page of a host that takes no uploads: Kibana, where the rules read the events Elastic
 * Defend sends through Fleet into the cluster. It says where events come from instead of offering
 * an upload that cannot work. (The app shows no Upload tab there; this answers a link to /upload.)
 */
import { EuiEmptyPrompt, EuiLink, EuiText } from '@elastic/eui';

// Elastic's documentation: installing Elastic Defend, and Kibana's "Upload a data file".
export const DEFEND_INSTALL_URL =
  'https://www.elastic.co/guide/en/security/current/install-endpoint.html';
export const KIBANA_FILE_UPLOAD_URL =
  'https://www.elastic.co/guide/en/kibana/current/connect-to-elasticsearch.html#upload-data-kibana';

export const UploadUnavailablePage = () => (
  <EuiEmptyPrompt
    iconType="logoSecurity"
    title={<h2>Events come from Elastic Defend here</h2>}
    titleSize="s"
    data-test-subj="ctdUploadUnavailable"
    body={
      <EuiText size="s" textAlign="left">
        <p>
          Inside Kibana the rules read the process events Elastic Defend writes into the cluster
          (the <code>logs-endpoint.events.process-*</code> indices): add the Elastic Defend
          integration to an agent policy in Fleet, and its hosts&apos; events arrive by themselves.{' '}
          <EuiLink
            href={DEFEND_INSTALL_URL}
            target="_blank"
            external
            data-test-subj="ctdDefendDocs"
          >
            Install Elastic Defend
          </EuiLink>
        </p>
        <p>
          To load a file of events by hand, use Kibana&apos;s own upload: Machine Learning → Data
          Visualizer → Upload file, into an index the rules&apos; index patterns match (for the
          prebuilt rules <code>logs-endpoint.events.process*</code>, e.g.{' '}
          <code>logs-endpoint.events.process_uploaded</code>).{' '}
          <EuiLink
            href={KIBANA_FILE_UPLOAD_URL}
            target="_blank"
            external
            data-test-subj="ctdKibanaFileUploadDocs"
          >
            Upload a data file
          </EuiLink>
        </p>
        <p>The standalone server of this project has an upload page of its own.</p>
      </EuiText>
    }
  />
);
