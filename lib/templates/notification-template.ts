import { Problems } from '../_util/problems';
import { checkArgs, shape as s } from '../_util/shape';

/**
 * Props of {@link NotificationTemplate.standard}.
 */
export interface StandardTemplateOptions {
  /**
   * The URL a Git commit SHA is appended to, e.g. `https://github.com/acme/fleet/commit/`:
   * Flux revisions of the form `<branch>@sha1:<sha>` become links to the commit.
   * @default - revisions are shown as text
   */
  readonly commitUrl?: string;
}

const STANDARD_OPTIONS_FIX = `e.g. 'https://github.com/acme/fleet/commit/'`;
const STANDARD_OPTIONS = s.struct('StandardTemplateOptions', {
  commitUrl: s.optional(s.string({ fix: STANDARD_OPTIONS_FIX })),
});
/** A template of `custom()`; the shape says what Alertmanager needs: a non-empty Go template. */
const CUSTOM_TEMPLATE = s.string({ nonEmpty: true, fix: `e.g. '{{ .CommonLabels.alertname }}', or use NotificationTemplate.alertmanagerDefault()` });

/**
 * The title and text of chat notifications (Go templates Alertmanager renders for every
 * notification), for Slack and Microsoft Teams.
 *
 * The standard templates show, for each alert of the notification: its status, alertname and
 * severity, its `summary` (and `description`, or the `message` Flux sends), a link to its
 * `runbook_url`, and for alerts about a Flux object (labels `kind`, `name`, `namespace`, as
 * Flux's alertmanager provider and the Flux rule pack set them) the object and its Git
 * `revision`. They use only functions Alertmanager 0.25 and later provide.
 *
 * Alertmanager's webhook integration has no template: its JSON payload carries every label
 * and annotation as they are (see the README, "Notification templates").
 */
export class NotificationTemplate {
  /**
   * The library's templates (the receivers' default).
   */
  public static standard(options: StandardTemplateOptions = {}): NotificationTemplate {
    checkArgs('NotificationTemplate.standard', { options: [options, STANDARD_OPTIONS] });
    const commitUrl = options.commitUrl;
    if (commitUrl !== undefined && !/^https?:\/\/[^\s|<>{}]+$/.test(commitUrl)) {
      const problems = new Problems('NotificationTemplate.standard');
      problems.add('commitUrl', commitUrl, `must be an http(s) URL without spaces, '|', '<', '>', '{' or '}'`, STANDARD_OPTIONS_FIX);
      problems.throwIfAny();
    }
    return new NotificationTemplate(TITLE, slackText(commitUrl), TITLE, teamsText(commitUrl));
  }

  /**
   * Alertmanager's own default templates: title and text are left unset.
   */
  public static alertmanagerDefault(): NotificationTemplate {
    return new NotificationTemplate(undefined, undefined, undefined, undefined);
  }

  /**
   * Your own title and text (Go templates), the same for Slack and Teams.
   * @param title the title template
   * @param text the text template
   */
  public static custom(title: string, text: string): NotificationTemplate {
    checkArgs('NotificationTemplate.custom', { title: [title, CUSTOM_TEMPLATE], text: [text, CUSTOM_TEMPLATE] });
    return new NotificationTemplate(title, text, title, text);
  }

  /** The Slack message title, or undefined for Alertmanager's default. */
  public readonly slackTitle?: string;
  /** The Slack message text (mrkdwn), or undefined for Alertmanager's default. */
  public readonly slackText?: string;
  /** The Teams card title, or undefined for Alertmanager's default. */
  public readonly teamsTitle?: string;
  /** The Teams card text (Markdown), or undefined for Alertmanager's default. */
  public readonly teamsText?: string;

  private constructor(slackTitle?: string, slackText?: string, teamsTitle?: string, teamsText?: string) {
    this.slackTitle = slackTitle;
    this.slackText = slackText;
    this.teamsTitle = teamsTitle;
    this.teamsText = teamsText;
  }
}

/** `[FIRING:2] AlertName (namespace)`, `[RESOLVED] AlertName`. */
const TITLE = '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] '
  + '{{ if .CommonLabels.alertname }}{{ .CommonLabels.alertname }}{{ else }}{{ .Alerts | len }} alerts{{ end }}'
  + '{{ with .CommonLabels.namespace }} ({{ . }}){{ end }}';

/** A Flux revision, as a link to its commit when `commitUrl` is given and the revision names a SHA-1 commit. */
function revision(commitUrl: string | undefined, link: (url: string, text: string) => string): string {
  if (commitUrl === undefined) { return '{{ . }}'; }
  const url = `${commitUrl}{{ reReplaceAll "^.*sha1:" "" . }}`;
  return `{{ if match "sha1:[0-9a-f]+$" . }}${link(url, '{{ . }}')}{{ else }}{{ . }}{{ end }}`;
}

/**
 * One block per alert; `sep` ends a line (Teams' Markdown needs a blank line between paragraphs).
 * Every optional part is inside `with`/`if`, so missing annotations leave no empty lines.
 */
function alertBlocks(bold: (s: string) => string, link: (url: string, text: string) => string, sep: string, commitUrl: string | undefined): string {
  return [
    `{{ range $i, $alert := .Alerts }}{{ if $i }}${sep}{{ end }}`,
    `${bold('{{ .Status | toUpper }}')} {{ .Labels.alertname }}{{ with .Labels.severity }} | severity: {{ . }}{{ end }}${sep}`,
    `{{ with .Annotations.summary }}{{ . }}${sep}{{ end }}`,
    `{{ with .Annotations.description }}{{ . }}${sep}{{ end }}`,
    `{{ with .Annotations.message }}{{ . }}${sep}{{ end }}`,
    `{{ if and .Labels.kind .Labels.name }}Object: {{ .Labels.kind }} {{ with .Labels.namespace }}{{ . }}/{{ end }}{{ .Labels.name }}`
      + `{{ with .Labels.revision }} | revision: ${revision(commitUrl, link)}{{ end }}${sep}{{ end }}`,
    `{{ with .Annotations.runbook_url }}${link('{{ . }}', 'Runbook')}${sep}{{ end }}`,
    '{{ end }}',
  ].join('');
}

function slackText(commitUrl: string | undefined): string {
  return alertBlocks((s) => `*${s}*`, (url, text) => `<${url}|${text}>`, '\n', commitUrl);
}

function teamsText(commitUrl: string | undefined): string {
  return alertBlocks((s) => `**${s}**`, (url, text) => `[${text}](${url})`, '\n\n', commitUrl);
}

