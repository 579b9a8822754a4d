// The conformance cases: template text, the data file it runs on, and which template files are
// loaded. scripts/record-conformance.mjs runs each through amtool and writes fixture.json.
//   data:   a file in ./data
//   files:  'user' loads ./templates/*.tmpl; 'stock' loads Alertmanager's own default.tmpl when
//           recording (Tocsin's defaults when testing); default none
//   type:   'html' renders with --template.type html

const D1 = 'firing-and-resolved.json';
const D2 = 'resolved.json';
const D3 = 'two-firing.json';
const SPECIAL = 'special-chars.json';

// Every template Alertmanager 0.34's default.tmpl defines (and email.tmpl's subject), except
// pagerduty.default.instances, which ranges over the whole Data and only ever fails (its error
// names positions in Alertmanager's file).
const STOCK_NAMES = [
  '__alertmanager',
  '__alertmanagerURL',
  '__subject',
  '__description',
  'slack.default.title',
  'slack.default.username',
  'slack.default.fallback',
  'slack.default.callbackid',
  'slack.default.pretext',
  'slack.default.titlelink',
  'slack.default.iconemoji',
  'slack.default.iconurl',
  'slack.default.text',
  'slack.default.footer',
  'slack.default.color',
  'pagerduty.default.description',
  'pagerduty.default.client',
  'pagerduty.default.clientURL',
  'opsgenie.default.message',
  'opsgenie.default.description',
  'opsgenie.default.source',
  'wechat.default.message',
  'wechat.default.to_user',
  'wechat.default.to_party',
  'wechat.default.to_tag',
  'wechat.default.agent_id',
  'victorops.default.state_message',
  'victorops.default.entity_display_name',
  'victorops.default.monitoring_tool',
  'pushover.default.title',
  'pushover.default.message',
  'pushover.default.url',
  'sns.default.subject',
  'sns.default.message',
  'telegram.default.message',
  'discord.default.content',
  'discord.default.title',
  'discord.default.message',
  'webex.default.message',
  'msteams.default.summary',
  'msteams.default.title',
  'msteams.default.text',
  'msteamsv2.default.title',
  'msteamsv2.default.text',
  'jira.default.summary',
  'jira.default.description',
  'jira.default.priority',
  'rocketchat.default.title',
  'rocketchat.default.alias',
  'rocketchat.default.titlelink',
  'rocketchat.default.emoji',
  'rocketchat.default.iconurl',
  'rocketchat.default.text',
  'mattermost.default.color',
  'mattermost.default.username',
  'mattermost.default.title',
  'mattermost.default.titlelink',
  'mattermost.default.fallback',
  'mattermost.default.text',
  'email.default.subject',
];

/** Alertmanager's stock texts when recording, Tocsin's own defaults when testing. */
function stockCases() {
  const out = [];
  for (const name of STOCK_NAMES) {
    out.push({ name: `stock ${name}`, text: `{{ template "${name}" . }}`, data: D1, files: 'stock' });
  }
  // The texts that vary with the data, on the other data sets too.
  const varying = [
    '__subject',
    'slack.default.fallback',
    'opsgenie.default.description',
    'wechat.default.message',
    'pushover.default.message',
    'telegram.default.message',
    'msteams.default.text',
    'jira.default.priority',
  ];
  for (const data of [D2, D3, SPECIAL]) {
    for (const name of varying) {
      out.push({ name: `stock ${name} (${data})`, text: `{{ template "${name}" . }}`, data, files: 'stock' });
    }
  }
  for (const data of [D1, D2]) {
    for (const name of ['__text_alert_list', '__text_alert_list_markdown']) {
      out.push({
        name: `stock ${name} (${data})`,
        text: `{{ template "${name}" .Alerts }}`,
        data,
        files: 'stock',
      });
    }
  }
  return out;
}

// Go edge cases run on the firing-and-resolved data: printing, numbers, comparison, regexps,
// field and method errors, variables, range and template corner cases.
const EDGE_TEXTS = [
  '{{ printf "%x %X %x %x %x %x" 3.5 3.5 1.0 0.1 -2.0 0.0 }}',
  '{{ printf "%.2x %.0x %.3X %x" 3.14159 1.5 1e100 5e-324 }}',
  '{{ printf "%b %b %b" 1.0 0.1 -3.5 }}',
  '{{ printf "%v %f %e %5.1f|%-6v|%+v|% v" 1e999 1e999 -1e999 1e999 1e999 1e999 1e999 }}',
  '{{ printf "%d" (len .Alerts) }}{{ printf "%5.1f%%" 99.44 }}',
  '{{ print nil }}{{ print "a" nil 1 }}',
  '{{ println .Status 1 2.0 }}',
  '{{ printf "%v %v" 1e100 -0.0 }}',
  '{{ printf "%g %G %e" 1e-10 123456789.0 0.0 }}',
  '{{ printf "%c|%q|%U" 0x1F600 0x1F600 0x1F600 }}',
  '{{ printf "%08.3f|%-8d|%+q|% d|%#x|%#o" 3.14159 7 "\u00e9" 5 255 8 }}',
  '{{ printf "%t %t" true 1 }}',
  '{{ printf "%s" }}',
  '{{ printf "%.3s|%.10s|%5.2s" "abcdef" "ab" "xyz" }}',
  '{{ printf "%T %T %T %T" .Alerts.Firing .GroupLabels.SortedPairs (index .Alerts 0).StartsAt nil }}',
  '{{ index .Alerts.Firing 0 | len }}',
  '{{ len .Alerts.Firing | printf "%03d" }}',
  '{{ $x := 3 }}{{ $x = "s" }}{{ $x }}',
  '{{ if and .Alerts (eq .Status "firing") }}y{{ end }}',
  '{{ or .Nope 1 }}',
  '{{ and 1 .Nope }}',
  '{{ not "" }} {{ not 1 }} {{ not .GroupLabels }}',
  '{{ eq .Status "firing" | not }}',
  '{{ "x" | printf "%s-%s" "y" }}',
  '{{ .Status | printf "%s" | len }}',
  '{{ (index .Alerts 0).Labels.SortedPairs.Values | join "," | toUpper }}',
  '{{ range $i, $e := .GroupLabels }}{{ $i }}={{ $e }}{{ end }}',
  '{{ range .GroupLabels.SortedPairs }}{{ . }}{{ end }}',
  '{{ range $p := .CommonLabels.SortedPairs }}{{ $p.Name }}{{ end }}',
  '{{ with $x := .Status }}{{ $x }}{{ . }}{{ end }}',
  '{{ range $i, $_ := .Alerts }}{{ $i }}{{ end }}',
  '{{ slice .Alerts 1 2 | len }}',
  '{{ slice "h\u00e9llo" 1 3 }}',
  '{{ index "h\u00e9llo" 1 }}',
  '{{ len (slice (stringSlice "a" "b" "c") 1 2 3) }}',
  '{{ eq 1 1.0 }}',
  '{{ eq "a" .Status .Receiver }}',
  '{{ lt 1 2.0 }}',
  '{{ lt "a" "b" "c" }}',
  '{{ le 3 3 }} {{ ge 2 3 }} {{ gt 2.5 2.4 }} {{ ne "a" "b" }}',
  '{{ ne .Status 2 }}',
  '{{ urlquery "a" "b" 1 }}',
  '{{ js 1 2 }}{{ js "</script>" }}',
  '{{ toUpper .Receiver | toLower | title }}',
  '{{ join "," (stringSlice) }}',
  '{{ match "[" "x" }}',
  '{{ match "a+" .Status }}',
  '{{ reReplaceAll "(?i)F(I)" "[$1]" .Status }}',
  '{{ reReplaceAll "" "-" "abc" }}',
  '{{ reReplaceAll "b*" "X" "abc" }}',
  '{{ reReplaceAll "(a)(b)?" "$2$1" "ab a" }}',
  '{{ reReplaceAll "\\\\d+" "<$0>" "a1b22" }}',
  '{{ reReplaceAll "(?P<first>\\\\w+) (?P<second>\\\\w+)" "$second $first" "hello world" }}',
  '{{ template "nope" }}',
  '{{ define "x" }}{{ . }}{{ end }}{{ template "x" 3 }}{{ template "x" }}',
  '{{ block "b" . }}{{ .Status }}{{ end }}',
  '{{/* comment */}}{{- /* c2 */ -}}  x',
  '{{ 0x10 }} {{ 1_000 }} {{ 0b101 }} {{ 0o17 }} {{ 1e3 }} {{ -5 }} {{ +3 }}',
  "{{ 'x' }} {{ '\\n' }} {{ printf \"%c\" '\u00e9' }}",
  '{{ "a\\tb\\u00e9" }} {{ `raw\\n` }}',
  '{{ .Alerts.Firing.Nope }}',
  '{{ (index .Alerts 0).StartsAt.Nope }}',
  '{{ (index .Alerts 0).StartsAt.Format }}',
  '{{ (index .Alerts 0).StartsAt.Format 1 }}',
  '{{ .GroupLabels.Remove }}',
  '{{ .GroupLabels.Remove "x" }}',
  '{{ .CommonLabels.job.x }}',
  '{{ $.Status }}{{ $ | printf "%T" }}',
  '{{ range .Alerts }}{{ $.Receiver }}{{ end }}',
  '{{ .Status | len | eq 6 }}',
  '{{ range .Alerts }}{{ break }}{{ end }}x',
  '{{ range $i := .Alerts }}{{ if $i }}{{ continue }}{{ end }}y{{ end }}',
  '{{ printf "%v" .GroupLabels.Names }}',
  '{{ printf "%x" "h\u00e9llo" }} {{ printf "% x" "ab" }} {{ printf "%X" .Status }}',
  '{{ printf "%d %d" 9223372036854775807 -9223372036854775808 }}',
  '{{ 9223372036854775808 }}',
  '{{ printf "%v" 1.0 }} {{ printf "%v" 3.0e-5 }} {{ 1e21 }} {{ 123456789.0 }} {{ 0.1 }}',
  '{{ printf "%.2f %.1f %.0f" 2.675 0.05 2.5 }}',
  '{{ printf "%5t|%-5v|%05s" true false "ab" }}',
  '{{ print 1 2 "a" 3 "b" "c" 4.5 true }}',
];

export const cases = [
  // ---- text, comments, trimming ----
  { name: 'plain text', text: 'just text', data: D1 },
  { name: 'comment', text: 'a{{/* a comment */}}b', data: D1 },
  { name: 'trim markers', text: 'a  {{- .Receiver -}}  b\n{{- " c " -}}\n d', data: D1 },
  { name: 'trimmed comment', text: 'x \n {{- /* gone */ -}} \n y', data: D1 },
  // ---- fields and the data model ----
  { name: 'top-level fields', text: '{{ .Receiver }}|{{ .Status }}|{{ .ExternalURL }}', data: D1 },
  {
    name: 'alert fields',
    text: '{{ range .Alerts }}{{ .Status }} {{ .Fingerprint }} {{ .GeneratorURL }};{{ end }}',
    data: D1,
  },
  {
    name: 'label and annotation maps',
    text: '{{ range .Alerts }}{{ .Labels.instance }}/{{ .Annotations.summary }};{{ end }}',
    data: D1,
  },
  {
    name: 'missing map key is empty',
    text: '[{{ .CommonLabels.nope }}]{{ printf "%q" .GroupLabels.nope }}',
    data: D1,
  },
  {
    name: 'Firing and Resolved',
    text: '{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}{{ range .Alerts.Resolved }} {{ .Labels.instance }}{{ end }}',
    data: D1,
  },
  {
    name: 'SortedPairs',
    text: '{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }},{{ end }}',
    data: D1,
  },
  {
    name: 'SortedPairs puts alertname first',
    text: '{{ range (index .Alerts 0).Labels.SortedPairs }}{{ .Name }} {{ end }}',
    data: D3,
  },
  {
    name: 'Names and Values',
    text: '{{ .CommonLabels.Names }} {{ .CommonLabels.Values }} {{ .CommonLabels.SortedPairs.Names }}',
    data: D1,
  },
  {
    name: 'Remove',
    text: '{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join "," }}{{ end }}',
    data: D1,
  },
  {
    name: 'Remove with stringSlice',
    text: '{{ (.CommonLabels.Remove (stringSlice "job")).Names }}',
    data: D1,
  },
  {
    name: 'time values print as Go',
    text: '{{ range .Alerts }}{{ .StartsAt }} / {{ .EndsAt }};{{ end }}',
    data: D1,
  },
  {
    name: 'time with fractional seconds and offset',
    text: '{{ (index .Alerts 0).StartsAt }}',
    data: SPECIAL,
  },
  {
    name: 'time Format',
    text: '{{ (index .Alerts 0).StartsAt.Format "Mon Jan _2 15:04:05.000 2006 -07:00 MST PM" }}',
    data: D1,
  },
  {
    name: 'time Unix and UTC',
    text: '{{ (index .Alerts 1).EndsAt.Unix }} {{ (index .Alerts 0).StartsAt.UTC }}',
    data: D1,
  },
  {
    name: 'time methods',
    text: '{{ $t := (index .Alerts 1).StartsAt }}{{ $t.Year }} {{ $t.Month }} {{ $t.Day }} {{ $t.Weekday }} {{ $t.YearDay }} {{ $t.IsZero }} {{ (index .Alerts 0).EndsAt.IsZero }}',
    data: D1,
  },
  {
    name: 'time Sub prints a duration',
    text: '{{ $a := index .Alerts 1 }}{{ $a.EndsAt.Sub $a.StartsAt }}',
    data: D1,
  },
  {
    name: 'printing a struct',
    text: '{{ index .Alerts.Firing 0 | printf "%v" | len | printf "%T" }}',
    data: D1,
  },
  // ---- variables ----
  {
    name: 'variables and $',
    text: '{{ $x := .Status }}{{ $x }} {{ $.Receiver }}{{ with .Alerts }}{{ $.Status }}{{ end }}',
    data: D1,
  },
  {
    name: 'assignment in range',
    text: '{{ $n := 0 }}{{ range .Alerts }}{{ $n = len .Labels }}{{ end }}{{ $n }}',
    data: D1,
  },
  {
    name: 'variable scope ends with the block',
    text: '{{ $x := "outer" }}{{ if true }}{{ $x := "inner" }}{{ $x }}{{ end }} {{ $x }}',
    data: D1,
  },
  // ---- if / else ----
  {
    name: 'if else if else',
    text: '{{ if eq .Status "resolved" }}R{{ else if eq .Status "firing" }}F{{ else }}?{{ end }}',
    data: D1,
  },
  {
    name: 'truthiness',
    text: '{{ if "" }}1{{ end }}{{ if 0 }}2{{ end }}{{ if .GroupLabels }}3{{ end }}{{ if .Alerts.Firing }}4{{ end }}{{ if 0.0 }}5{{ end }}{{ if .CommonAnnotations }}6{{ end }}{{ if .Alerts.Resolved }}7{{ end }}{{ if 1 }}8{{ end }}',
    data: D1,
  },
  // ---- range ----
  {
    name: 'range over map in key order',
    text: '{{ range $k, $v := (index .Alerts 0).Labels }}{{ $k }}:{{ $v }} {{ end }}',
    data: D1,
  },
  {
    name: 'range with index',
    text: '{{ range $i, $a := .Alerts }}{{ $i }}={{ $a.Fingerprint }} {{ end }}',
    data: D1,
  },
  { name: 'range else', text: '{{ range .Alerts.Firing }}x{{ else }}none firing{{ end }}', data: D2 },
  {
    name: 'range break and continue',
    text: '{{ range $i, $a := .Alerts }}{{ if eq $i 0 }}{{ continue }}{{ end }}{{ $a.Fingerprint }}{{ break }}{{ end }}',
    data: D3,
  },
  { name: 'range single variable', text: '{{ range $a := .Alerts }}{{ $a.Status }} {{ end }}', data: D1 },
  // ---- with ----
  {
    name: 'with else',
    text: '{{ with .CommonAnnotations.nope }}has{{ else }}empty{{ end }}|{{ with .Receiver }}{{ . }}{{ end }}',
    data: D1,
  },
  // ---- define / template / block ----
  { name: 'template call', text: '{{ template "greeting" .Receiver }}', data: D1, files: 'user' },
  {
    name: 'later file overrides a definition',
    text: '{{ template "greeting" "you" }}',
    data: D1,
    files: 'user',
  },
  { name: 'template without data', text: '{{ template "greeting" }}', data: D1, files: 'user' },
  {
    name: 'template per alert',
    text: '{{ range .Alerts }}{{ template "alert.line" . }};{{ end }}',
    data: D1,
    files: 'user',
  },
  {
    name: 'recursive template',
    text: '{{ template "recurse" (stringSlice "a" "b" "c") }}',
    data: D1,
    files: 'user',
  },
  {
    name: 'template resets $',
    text: '{{ template "uses.dollar" (index .Alerts 0) }}',
    data: D1,
    files: 'user',
  },
  {
    name: 'define in the text',
    text: '{{ define "local" }}<{{ . }}>{{ end }}{{ template "local" .Status }}',
    data: D1,
  },
  { name: 'block', text: '{{ block "blk" .Receiver }}default {{ . }}{{ end }}', data: D1 },
  {
    name: 'top-level text of a file is a template',
    text: '{{ template "user.tmpl" }}',
    data: D1,
    files: 'user',
  },
  // ---- comparison and logic ----
  {
    name: 'eq with several arguments',
    text: '{{ eq .Status "a" "b" "firing" }} {{ eq 1 2 3 }} {{ eq "x" "x" }}',
    data: D1,
  },
  {
    name: 'ne lt le gt ge',
    text: '{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }} {{ lt (len .Alerts) 5 }}',
    data: D1,
  },
  {
    name: 'and or return values',
    text: '{{ and 1 "x" 0 }}|{{ and 1 "x" }}|{{ or 0 "" "y" }}|{{ or 0 "" }}|{{ not .Alerts }}',
    data: D1,
  },
  {
    name: 'and short-circuits',
    text: '{{ and false (index .Alerts 99) }}|{{ or true (index .Alerts 99) }}',
    data: D1,
  },
  // ---- builtins ----
  { name: 'len', text: '{{ len .Alerts }} {{ len .CommonLabels }} {{ len "héllo" }}', data: D1 },
  {
    name: 'index',
    text: '{{ index .CommonLabels "job" }} {{ (index .Alerts 1).Labels.instance }} {{ index "abc" 1 }} {{ index (stringSlice "a" "b") 1 }}',
    data: D1,
  },
  {
    name: 'slice',
    text: '{{ slice "abcdef" 1 3 }} {{ slice (stringSlice "a" "b" "c") 1 }} {{ slice "xyz" }}',
    data: D1,
  },
  { name: 'print', text: '{{ print "a" "b" 1 2 true "c" }}|{{ print 1.5 .Status }}', data: D1 },
  { name: 'println', text: '{{ println "a" 1 }}{{ println }}', data: D1 },
  {
    name: 'printf strings',
    text: '{{ printf "%s|%q|%v|%10s|%-6s|%.2s|%x|%X" "go" "a\\"b" "v" "right" "left" "trunc" "hi" "hi" }}',
    data: D1,
  },
  {
    name: 'printf integers',
    text: '{{ printf "%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b|%c|%q|%U" 42 42 42 42 42 255 255 8 5 65 66 67 }}',
    data: D1,
  },
  {
    name: 'printf floats',
    text: '{{ printf "%f|%.2f|%8.3f|%e|%g|%.3g|%v|%v" 3.14159 2.675 1.0 123456.789 0.000012 1234.5678 1e21 100000.0 }}',
    data: D1,
  },
  {
    name: 'printf %v of values',
    text: '{{ printf "%v|%v|%v|%t|%T|%T|%T|%%" .CommonLabels.Names true nil true .CommonLabels 1 .Alerts.Firing }}',
    data: D1,
  },
  {
    name: 'printf wrong and missing arguments',
    text: '{{ printf "%d %s %d" "str" 1 }}|{{ printf "%s" "a" "extra" 2 }}',
    data: D1,
  },
  {
    name: 'float constants print as Go',
    text: "{{ 1.5 }} {{ 1234567.0 }} {{ 100000.0 }} {{ 0.0001 }} {{ 0.00001 }} {{ 1e6 }} {{ 0x1F }} {{ 'a' }}",
    data: D1,
  },
  { name: 'html', text: '{{ html "<a href=\\"x\\">Tom & Jerry\'s</a>" }} {{ html 1 "<" }}', data: D1 },
  { name: 'js', text: '{{ js "it\'s <b> \\"q\\" & a=b\\\\ \\n" }}', data: D1 },
  { name: 'urlquery', text: '{{ urlquery "a b&c=d/é?" }} {{ .Receiver | urlquery }}', data: SPECIAL },
  // ---- Alertmanager functions in 0.25 ----
  { name: 'toUpper toLower', text: '{{ toUpper "MiXed ünï" }} {{ toLower "MiXed ÜNÏ" }}', data: D1 },
  {
    name: 'title',
    text: '{{ title "hello wORLD foo-bar foo_bar it\'s 3rd x.y ñandú http://x.com" }}',
    data: D1,
  },
  {
    name: 'join',
    text: '{{ join ", " .CommonLabels.Values }}|{{ .GroupLabels.Names | join "+" }}',
    data: D1,
  },
  {
    name: 'match',
    text: '{{ match "^web-[0-9]+$" "web-12" }} {{ match "db" "web-1" }} {{ match "(?i)CPU" "high cpu" }}',
    data: D1,
  },
  {
    name: 'reReplaceAll',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's ${2} replacement syntax
    text: '{{ reReplaceAll "(.+):[0-9]+" "$1" "web-1:9100" }}|{{ reReplaceAll "a*" "-" "baaac" }}|{{ reReplaceAll "(?P<h>\\\\w+)-(\\\\d)" "${2}_$h$1x" "web-1" }}',
    data: D1,
  },
  { name: 'stringSlice', text: '{{ stringSlice "a" "b" }} {{ len (stringSlice) }}', data: D1 },
  {
    name: 'safeHtml in text templates',
    text: '{{ safeHtml "<b>x</b>" }} {{ printf "%T" (safeHtml "x") }}',
    data: D1,
  },
  ...stockCases(),
  // ---- html/template escaping ----
  {
    name: 'html: text context',
    text: '<p>{{ .CommonAnnotations.summary }}</p>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: safeHtml passes',
    text: '<p>{{ safeHtml .CommonAnnotations.summary }}</p>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: quoted attribute',
    text: '<td title="{{ (index .Alerts 0).Labels.path }}">x</td>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: URL attribute',
    text: '<a href="{{ (index .Alerts 0).Annotations.runbook }}">r</a><a href="{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}">am</a>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: unsafe URL scheme filtered',
    text: '<a href="{{ (index .Alerts 0).GeneratorURL }}">src</a>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: query part escaped',
    text: '<a href="/x?p={{ (index .Alerts 0).Labels.path }}">q</a>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: comments dropped',
    text: '<!-- secret {{ .Receiver }} -->a<b>{{ .Status }}</b>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: html builtin not doubled',
    text: '<i>{{ .Receiver | html }}</i>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: script value',
    text: '<script>var x = {{ .Receiver }};</script>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: script string',
    text: '<script>var x = "a\\"{{ .CommonAnnotations.summary }}" + {{ .Status }};</script>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: style attribute',
    text: '<div style="color: {{ .Receiver }}">{{ .Status }}</div><p style="x: {{ .CommonAnnotations.summary }}">',
    data: SPECIAL,
    type: 'html',
  },
  { name: 'html: unquoted attribute', text: '<td class={{ .Receiver }}>x</td>', data: SPECIAL, type: 'html' },
  {
    name: 'html: safeHtml in a URL and in an attribute',
    text: '<a href="{{ safeHtml "<b>x</b>" }}" title="{{ safeHtml "<b>x</b>" }}">',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: event handler attributes',
    text: '<button onclick="f(&#39;{{ .Receiver }}&#39;)">b</button><i onclick="g({{ .Receiver }})">',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: textarea and title',
    text: '<title>{{ .CommonAnnotations.summary }}</title><textarea>{{ .CommonAnnotations.summary }}</textarea>',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: URL path and relative URL',
    text: '<a href="/x/{{ .Receiver }}">x</a><a href="{{ .Receiver }}">y</a><img src="{{ .ExternalURL }}/i.png?x={{ .Status }}">',
    data: SPECIAL,
    type: 'html',
  },
  {
    name: 'html: missing values print nothing',
    text: '<p>{{ .CommonLabels.nope }}|{{ index .CommonLabels "x" }}|{{ len .Alerts }} {{ 1.5 }}</p>',
    data: SPECIAL,
    type: 'html',
  },
  // ---- errors ----
  { name: 'error: unknown field', text: 'x {{ .Alerts.Nope }}', data: D1 },
  { name: 'error: field of a string', text: '{{ range .Alerts }}{{ .Status.Foo }}{{ end }}', data: D1 },
  { name: 'error: wrong number of args', text: '{{ toUpper }}', data: D1 },
  { name: 'error: wrong argument type', text: '{{ toUpper 3 }}', data: D1 },
  { name: 'error: wrong value type', text: '{{ join "," .Alerts }}', data: D1 },
  { name: 'error: index out of range', text: '{{ index .Alerts 5 }}', data: D1 },
  { name: 'error: incompatible comparison', text: '{{ if eq .Status 1 }}x{{ end }}', data: D1 },
  { name: 'error: lt of bools', text: '{{ lt true false }}', data: D1 },
  { name: 'error: template not defined', text: 'a\n{{ template "missing" . }}', data: D1 },
  { name: 'error: method with arguments', text: '{{ .CommonLabels.SortedPairs 1 }}', data: D1 },
  { name: 'error: range over a string', text: '{{ range .Receiver }}{{ end }}', data: D1 },
  { name: 'error: argument to non-function', text: '{{ .Receiver 1 }}', data: D1 },
  { name: 'error: bad regexp', text: '{{ match "(" "x" }}', data: D1 },
  { name: 'error: reReplaceAll panics on bad regexp', text: '{{ reReplaceAll "[a" "" "x" }}', data: D1 },
  {
    name: 'error: in a called template',
    text: '{{ template "alert.line" .Receiver }}',
    data: D1,
    files: 'user',
  },
  { name: 'parse error: unclosed action', text: 'a {{ .Receiver ', data: D1 },
  { name: 'parse error: undefined function', text: '{{ nosuchfunc 1 }}', data: D1 },
  { name: 'parse error: undefined variable', text: '{{ $nope }}', data: D1 },
  { name: 'parse error: unexpected end', text: 'line1\n{{ end }}', data: D1 },
  { name: 'parse error: missing end', text: '{{ if true }}x', data: D1 },
  ...EDGE_TEXTS.map((text, i) => ({ name: `edge ${i + 1}: ${text}`, text, data: D1 })),
  ...[D1, D2, D3, SPECIAL].flatMap((data) =>
    ['slack.monzo.title', 'slack.monzo.text', 'slack.monzo.link_button_text', 'custom.summary'].map(
      (name) => ({
        name: `user file ${name} (${data})`,
        text: `{{ template "${name}" . }}`,
        data,
        files: 'user',
      }),
    ),
  ),
];
