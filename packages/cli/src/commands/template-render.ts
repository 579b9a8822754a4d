import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type TemplateDataLike, Templates, toGoData } from '@tocsin/templates';

const USAGE = `usage: tocsin template render --template.text=TEXT [--template.glob=GLOB...] [--template.data=FILE] [--template.type=text|html]

Renders TEXT with Tocsin's default templates and the files the globs name, as
\`amtool template render\` does. --template.data is a JSON file shaped like the webhook
payload (Alertmanager's template.Data); without it a predefined example is used.`;

/** amtool's example data, used when no --template.data is given. */
function exampleData(now = Date.now()): TemplateDataLike {
  const at = (ms: number): string => new Date(ms).toISOString();
  const common = { commonlabelkey1: 'commonlabelvalue1', commonlabelkey2: 'commonlabelvalue2' };
  const commonAnnotations = {
    commonannotationkey1: 'commonannotationvalue1',
    commonannotationkey2: 'commonannotationvalue2',
  };
  return {
    receiver: 'receiver',
    status: 'alertstatus',
    alerts: [
      {
        status: 'alertstatus',
        labels: { ...common, label1: 'value1', label2: 'value2', instance: 'foo.bar:1234' },
        annotations: { ...commonAnnotations, annotation1: 'value1', annotation2: 'value2' },
        startsAt: at(now - 5 * 60_000),
        endsAt: at(now),
        generatorURL: 'https://generatorurl.com',
        fingerprint: 'fingerprint1',
      },
      {
        status: 'alertstatus',
        labels: { ...common, foo: 'bar', baz: 'qux' },
        annotations: { ...commonAnnotations, aaa: 'bbb', ccc: 'ddd' },
        startsAt: at(now - 10 * 60_000),
        endsAt: at(now),
        generatorURL: 'https://generatorurl.com',
        fingerprint: 'fingerprint2',
      },
    ],
    groupLabels: { grouplabelkey1: 'grouplabelvalue1', grouplabelkey2: 'grouplabelvalue2' },
    commonLabels: common,
    commonAnnotations,
    externalURL: 'https://example.com',
  };
}

/** `tocsin template render ...`, like `amtool template render`: the text on stdout, no newline added. */
export async function templateCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'render') {
    console.error(USAGE);
    return sub === '--help' || sub === '-h' ? 0 : 2;
  }
  let values: {
    'template.glob'?: string[];
    'template.text'?: string;
    'template.data'?: string;
    'template.type'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        'template.glob': { type: 'string', multiple: true },
        'template.text': { type: 'string' },
        'template.data': { type: 'string' },
        'template.type': { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`tocsin: error: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const text = values['template.text'];
  const type = values['template.type'];
  if (text === undefined || (type !== 'text' && type !== 'html')) {
    console.error(
      `tocsin: error: ${text === undefined ? 'required flag --template.text not provided' : `--template.type must be text or html, not ${JSON.stringify(type)}`}\n${USAGE}`,
    );
    return 2;
  }
  try {
    const templates = await Templates.load(values['template.glob'] ?? []);
    const dataFile = values['template.data'];
    // A template.Data value, as amtool decodes it (notifiers pass a pointer).
    const data = toGoData(
      dataFile ? (JSON.parse(await readFile(dataFile, 'utf8')) as TemplateDataLike) : exampleData(),
    );
    const out = type === 'html' ? templates.executeHtml(text, data) : templates.executeText(text, data);
    process.stdout.write(out);
    return 0;
  } catch (err) {
    console.error(`tocsin: error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
