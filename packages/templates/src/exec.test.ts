// Executor behaviour the amtool 0.25 fixture cannot show: Go language additions of the Go that
// Alertmanager 0.34 is built with, 0.34's data model printing, and error paths.
import { describe, expect, it } from 'vitest';
import { TemplateExecError, TemplateParseError } from './errors.js';
import { Templates } from './templates.js';
import { FIRING_AND_RESOLVED } from './test-data.js';

const templates = Templates.fromFiles([]);
const run = (text: string) => templates.executeText(text, FIRING_AND_RESOLVED);
const error = (text: string): Error => {
  try {
    run(text);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`no error for ${text}`);
};

describe('executor', () => {
  it('supports {{ else with }} and range over an integer (Go 1.22/1.23)', () => {
    expect(run('{{ with "" }}a{{ else with .Status }}{{ . }}{{ end }}')).toBe('firing');
    expect(run('{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}')).toBe('012|01');
  });

  it("prints KV and Pairs with Alertmanager 0.34's String methods", () => {
    expect(run('{{ .CommonLabels }}|{{ .CommonLabels.SortedPairs }}|{{ printf "%v" .GroupLabels }}')).toBe(
      'alertname=HighCPU, job=node|alertname=HighCPU, job=node|alertname=HighCPU',
    );
    expect(run('{{ .CommonLabels.Values.Join "/" }} {{ printf "%T" .CommonLabels.Names }}')).toBe(
      'HighCPU/node template.Strings',
    );
  });

  it('prints an alert struct as Go does, with Stringers inside', () => {
    expect(run('{{ index .Alerts 1 }}')).toBe(
      '{resolved alertname=HighCPU, instance=web-2:9100, job=node, severity=warning summary=CPU is high 2024-05-01 09:00:00.5 +0000 UTC 2024-05-01 10:30:00 +0000 UTC http://prom/graph?g0.expr=up2 b2}',
    );
    expect(run('{{ printf "%+v" (index (index .Alerts 0).Labels.SortedPairs 0) }}')).toBe(
      '{Name:alertname Value:HighCPU}',
    );
  });

  it('breaks out of the innermost range only', () => {
    expect(
      run('{{ range .Alerts }}[{{ range .Labels.SortedPairs }}{{ .Name }}{{ break }}{{ end }}]{{ end }}'),
    ).toBe('[alertname][alertname]');
  });

  it('keeps variables assigned in a range after it', () => {
    expect(run('{{ $last := "" }}{{ range .Alerts }}{{ $last = .Fingerprint }}{{ end }}{{ $last }}')).toBe(
      'b2',
    );
  });

  it('names template and node in execution errors', () => {
    const err = error('{{ define "t" }}\n  {{ .Labels.x.y }}{{ end }}{{ template "t" index .Alerts 0 }}');
    expect(err).toBeInstanceOf(TemplateExecError);
    expect(err.message).toBe(
      'template: :2:12: executing "t" at <.Labels.x.y>: can\'t evaluate field y in type string',
    );
    expect((err as TemplateExecError).templateName).toBe('t');
    expect((err as TemplateExecError).node).toBe('.Labels.x.y');
  });

  it('throws parse errors for the text with Go messages', () => {
    const err = error('ok\n{{ if }}');
    expect(err).toBeInstanceOf(TemplateParseError);
    expect(err.message).toBe('template: :2: missing value for if');
  });

  it('reports nil and type errors as Go does', () => {
    expect(error('{{ toUpper nil }}').message).toMatch(/at <nil>: cannot assign nil to string$/);
    expect(error('{{ nil }}').message).toMatch(/nil is not a command$/);
    expect(error('{{ len 3 }}').message).toMatch(/error calling len: len of type int$/);
    expect(error('{{ index .CommonLabels 1 }}').message).toMatch(
      /error calling index: value has type int; should be string$/,
    );
    expect(error('{{ slice "abc" 2 1 }}').message).toMatch(
      /error calling slice: invalid slice index: 2 > 1$/,
    );
    expect(error('{{ eq }}').message).toMatch(/wrong number of args for eq: want at least 1 got 0$/);
    expect(error('{{ eq 1 }}').message).toMatch(/error calling eq: missing argument for comparison$/);
  });

  it('prints floats, widths and verbs as fmt does', () => {
    expect(run('{{ printf "%6.2f|%-8.3e|%G|%+.1f|%x|%08.3f" 3.14159 1234.5 1e-7 -0.05 255 -3.5 }}')).toBe(
      '  3.14|1.234e+03|1E-07|-0.1|ff|-003.500',
    );
    expect(run('{{ printf "%.0f %.0f %.1f %.2f" 0.5 1.5 0.25 1.005 }}')).toBe('0 2 0.2 1.00');
    expect(run('{{ printf "%q %v %d" (stringSlice "a" "b") (list 1 "x" 2.5) (list 1 2) }}')).toBe(
      '["a" "b"] [1 x 2.5] [1 2]',
    );
    expect(
      run('{{ printf "%[2]s %[1]s" "a" "b" }} {{ printf "%*d" 5 1 }} {{ printf "%!" }} {{ printf "%" }}'),
    ).toBe('b a     1 %!!(MISSING) %!(NOVERB)');
  });

  it('leaves a missing key of a label map empty and a missing dict key <no value>', () => {
    expect(run('[{{ .CommonLabels.nope }}][{{ index .GroupLabels "nope" }}][{{ (dict).nope }}]')).toBe(
      '[][][<no value>]',
    );
  });
});

describe('data as notifiers pass it', () => {
  it('is a *template.Data, as in Alertmanager notifiers', () => {
    expect(run('{{ printf "%T" . }} {{ .Receiver }} {{ len .Alerts }}')).toBe('*template.Data team-a 2');
    expect(error('{{ .Nope }}').message).toBe(
      'template: :1:3: executing "" at <.Nope>: can\'t evaluate field Nope in type *template.Data',
    );
    expect(run('{{ . }}')).toMatch(/^\{team-a firing \[/);
    expect(run('{{ printf "%v" . }}')).toMatch(/^&\{team-a firing \[/);
    expect(error('{{ len . }}').message).toMatch(/error calling len: len of type template.Data$/);
  });
});
