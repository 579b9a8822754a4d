// Tocsin's default notification templates, defined under Alertmanager's template names so user
// files can call or override them as they would Alertmanager's. The plain-text ones render the
// same bytes as Alertmanager's stock texts for the same data (users compare them; the
// conformance tests check them against amtool); the HTML email body is Tocsin's own design.
// Parsed as one file named '' (as Alertmanager parses its defaults), before the user's files.

const TEXT_TEMPLATES = `
{{- define "__alertmanager" }}Alertmanager{{ end }}

{{- define "__alertmanagerURL" -}}
  {{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}
{{- end }}

{{- /* [FIRING:2] <group label values> (<other common label values>) */ -}}
{{- define "__subject" -}}
  [{{ toUpper .Status }}
  {{- if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end -}}
  ] {{ join " " .GroupLabels.SortedPairs.Values }} {{/* the space stays even with nothing after it */ -}}
  {{ if gt (len .CommonLabels) (len .GroupLabels) -}}
    ({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ join " " .Values }}{{ end }})
  {{- end }}
{{- end }}

{{- define "__description" }}{{ end }}

{{- define "__tocsin.pairs" }}{{ range . }} - {{ .Name }} = {{ .Value }}{{ "\\n" }}{{ end }}{{ end }}
{{- define "__tocsin.pairs_markdown" }}{{ range . }}  - {{ .Name }} = {{ .Value }}{{ "\\n" }}{{ end }}{{ end }}

{{- define "__text_alert_list" -}}
  {{ range . -}}
    Labels:{{ "\\n" }}
    {{- template "__tocsin.pairs" .Labels.SortedPairs -}}
    Annotations:{{ "\\n" }}
    {{- template "__tocsin.pairs" .Annotations.SortedPairs -}}
    Source: {{ .GeneratorURL }}{{ "\\n" }}
  {{- end }}
{{- end }}

{{- define "__text_alert_list_markdown" -}}
  {{ range . -}}
    {{ "\\n" }}Labels:{{ "\\n" }}
    {{- template "__tocsin.pairs_markdown" .Labels.SortedPairs -}}
    {{ "\\n" }}Annotations:{{ "\\n" }}
    {{- template "__tocsin.pairs_markdown" .Annotations.SortedPairs -}}
    {{ "\\n" }}Source: {{ .GeneratorURL }}{{ "\\n" }}
  {{- end }}{{ "\\n" }}
{{- end }}

{{- define "__tocsin.annotations" }}{{ join " " .CommonAnnotations.SortedPairs.Values }}{{ end }}

{{- /* "Alerts Firing:" and "Alerts Resolved:" lists, each section framed by blank lines. */ -}}
{{- define "__tocsin.sections" -}}
  {{ "\\n" }}
  {{- with .Alerts.Firing }}{{ "\\n" }}Alerts Firing:{{ "\\n" }}{{ template "__text_alert_list" . }}{{ "\\n" }}{{ end -}}
  {{ "\\n" }}
  {{- with .Alerts.Resolved }}{{ "\\n" }}Alerts Resolved:{{ "\\n" }}{{ template "__text_alert_list" . }}{{ "\\n" }}{{ end -}}
  {{ "\\n" }}
{{- end }}

{{- define "__tocsin.sections_markdown" -}}
  {{ "\\n" }}
  {{- with .Alerts.Firing }}{{ "\\n" }}# Alerts Firing:{{ "\\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\\n" }}{{ end -}}
  {{ "\\n" }}
  {{- with .Alerts.Resolved }}{{ "\\n" }}# Alerts Resolved:{{ "\\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\\n" }}{{ end -}}
  {{ "\\n" }}
{{- end }}

{{- /* The same lists without the surrounding blank lines. */ -}}
{{- define "__tocsin.sections_compact" -}}
  {{ "\\n" }}
  {{- with .Alerts.Firing }}Alerts Firing:{{ "\\n" }}{{ template "__text_alert_list" . }}{{ end -}}
  {{ "\\n" }}
  {{- with .Alerts.Resolved }}Alerts Resolved:{{ "\\n" }}{{ template "__text_alert_list" . }}{{ end -}}
{{- end }}

{{- define "__tocsin.status_color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end }}

{{- define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
{{- define "slack.default.callbackid" }}{{ end }}
{{- define "slack.default.pretext" }}{{ end }}
{{- define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "slack.default.iconemoji" }}{{ end }}
{{- define "slack.default.iconurl" }}{{ end }}
{{- define "slack.default.text" }}{{ end }}
{{- define "slack.default.footer" }}{{ end }}
{{- define "slack.default.color" }}{{ template "__tocsin.status_color" . }}{{ end }}

{{- define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
{{- define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

{{- define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
{{- define "opsgenie.default.description" }}{{ template "__tocsin.annotations" . }}{{ template "__tocsin.sections_compact" . }}{{ end }}
{{- define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- define "wechat.default.message" -}}
  {{ template "__subject" . }}{{ "\\n" }}
  {{- template "__tocsin.annotations" . }}{{ template "__tocsin.sections_compact" . }}{{ "\\n" -}}
  AlertmanagerUrl:{{ "\\n" }}{{ template "__alertmanagerURL" . }}
{{- end }}
{{- define "wechat.default.to_user" }}{{ end }}
{{- define "wechat.default.to_party" }}{{ end }}
{{- define "wechat.default.to_tag" }}{{ end }}
{{- define "wechat.default.agent_id" }}{{ end }}

{{- define "victorops.default.state_message" }}{{ template "__tocsin.annotations" . }}{{ template "__tocsin.sections_compact" . }}{{ end }}
{{- define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
{{- define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}

{{- define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "pushover.default.message" }}{{ template "__tocsin.annotations" . }}{{ template "__tocsin.sections" . }}{{ end }}
{{- define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
{{- define "sns.default.message" }}{{ template "__tocsin.annotations" . }}{{ template "__tocsin.sections" . }}{{ end }}

{{- define "telegram.default.message" }}{{ template "__tocsin.sections" . }}{{ end }}

{{- define "discord.default.content" }}{{ end }}
{{- define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "discord.default.message" }}{{ template "__tocsin.sections" . }}{{ end }}

{{- define "webex.default.message" }}{{ template "__tocsin.annotations" . }}{{ template "__tocsin.sections" . }}{{ end }}

{{- define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
{{- define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "msteams.default.text" }}{{ template "__tocsin.sections_markdown" . }}{{ end }}

{{- define "msteamsv2.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "msteamsv2.default.text" }}{{ template "__tocsin.sections_markdown" . }}{{ end }}

{{- define "jira.default.summary" }}{{ template "__subject" . }}{{ end }}
{{- define "jira.default.description" }}{{ template "__tocsin.sections_markdown" . }}{{ end }}

{{- /* The highest severity among firing alerts (critical High, warning Medium, info Low); among resolved ones if none. */ -}}
{{- define "jira.default.priority" -}}
  {{ $priority := "" -}}
  {{ range $alerts := list .Alerts.Firing .Alerts.Resolved -}}
    {{ if eq $priority "" -}}
      {{ range $alerts -}}
        {{ $severity := index .Labels "severity" -}}
        {{ if eq $severity "critical" }}{{ $priority = "High" -}}
        {{ else if and (eq $severity "warning") (ne $priority "High") }}{{ $priority = "Medium" -}}
        {{ else if and (eq $severity "info") (eq $priority "") }}{{ $priority = "Low" -}}
        {{ end -}}
      {{ end -}}
    {{ end -}}
  {{ end -}}
  {{ $priority }}
{{- end }}

{{- define "rocketchat.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "rocketchat.default.alias" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "rocketchat.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "rocketchat.default.emoji" }}{{ end }}
{{- define "rocketchat.default.iconurl" }}{{ end }}
{{- define "rocketchat.default.text" }}{{ end }}

{{- define "mattermost.default.color" }}{{ template "__tocsin.status_color" . }}{{ end }}
{{- define "mattermost.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "mattermost.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "mattermost.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "mattermost.default.fallback" }}{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}{{ end }}
{{- define "mattermost.default.text" }}{{ template "__tocsin.sections_markdown" . }}{{ end }}

{{- define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
`;

// Tocsin's email: a header coloured by status, then one card per alert with its labels,
// annotations and links. Inline styles only, since mail clients drop <style>.
const EMAIL_TEMPLATES = `
{{- define "__tocsin.email.alert" -}}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid #d8dde3;border-radius:6px;margin:0 0 16px 0;">
<tr><td style="padding:10px 14px;background:#f4f6f8;border-bottom:1px solid #d8dde3;font-weight:bold;">
<span style="display:inline-block;padding:1px 8px;border-radius:10px;color:#ffffff;font-size:12px;background:{{ if eq .Status "firing" }}#c62828{{ else }}#2e7d32{{ end }};">{{ .Status }}</span>
{{ .Labels.alertname }}</td></tr>
<tr><td style="padding:10px 14px;">
<table role="presentation" cellpadding="0" cellspacing="0" style="font-size:13px;">
{{- range .Labels.SortedPairs }}
<tr><td style="padding:2px 12px 2px 0;color:#5f6b7a;">{{ .Name }}</td><td style="padding:2px 0;font-family:monospace;">{{ .Value }}</td></tr>
{{- end }}
</table>
{{- if .Annotations }}
<div style="margin-top:10px;">
{{- range .Annotations.SortedPairs }}
<p style="margin:4px 0;"><strong>{{ .Name }}</strong>: {{ .Value }}</p>
{{- end }}
</div>
{{- end }}
<p style="margin:10px 0 0 0;font-size:12px;color:#5f6b7a;">Started {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}
{{- if eq .Status "resolved" }}, resolved {{ .EndsAt.Format "2006-01-02 15:04:05 MST" }}{{ end }}
{{- if .GeneratorURL }} &middot; <a href="{{ .GeneratorURL }}" style="color:#1565c0;">Source</a>{{ end }}</p>
</td></tr>
</table>
{{- end }}

{{- define "email.default.html" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width">
<title>{{ template "__subject" . }}</title>
</head>
<body style="margin:0;padding:24px;background:#eef1f4;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;color:#1f2933;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;margin:0 auto;background:#ffffff;border-radius:8px;">
<tr><td style="padding:18px 22px;border-radius:8px 8px 0 0;color:#ffffff;background:{{ if eq .Status "firing" }}#c62828{{ else }}#2e7d32{{ end }};">
<div style="font-size:18px;font-weight:bold;">{{ template "__subject" . }}</div>
<div style="margin-top:4px;font-size:13px;">{{ len .Alerts.Firing }} firing, {{ len .Alerts.Resolved }} resolved &middot; receiver {{ .Receiver }}</div>
</td></tr>
<tr><td style="padding:20px 22px;">
{{- if .Alerts.Firing }}
<h2 style="font-size:15px;margin:0 0 12px 0;">Firing</h2>
{{- range .Alerts.Firing }}
{{ template "__tocsin.email.alert" . }}
{{- end }}
{{- end }}
{{- if .Alerts.Resolved }}
<h2 style="font-size:15px;margin:0 0 12px 0;">Resolved</h2>
{{- range .Alerts.Resolved }}
{{ template "__tocsin.email.alert" . }}
{{- end }}
{{- end }}
<p style="margin:8px 0 0 0;"><a href="{{ template "__alertmanagerURL" . }}" style="color:#1565c0;">View in Alertmanager</a></p>
</td></tr>
</table>
<p style="max-width:640px;margin:12px auto 0 auto;font-size:11px;color:#7b8794;text-align:center;">Sent by Tocsin</p>
</body>
</html>
{{- end }}
`;

export const DEFAULT_TEMPLATES = TEXT_TEMPLATES + EMAIL_TEMPLATES;
