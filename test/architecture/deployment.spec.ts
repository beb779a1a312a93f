import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadConfig } from '#config';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const workflow = parse(readFileSync('.github/workflows/integration.yml', 'utf8')) as {
  jobs: Record<string, { services: Record<string, Service>; env: Record<string, string>; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
};

/** Compose interpolation as Docker does it for `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, from a sample environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_whole, name: string, operator?: string, argument?: string) => {
    const given = env[name];
    if (given !== undefined && given !== '') return given;
    if (operator === '?') throw new Error(`${name} is required: ${argument}`);
    return operator === '-' ? (argument ?? '') : '';
  });
}

const secrets = { EVENTSTORE_ADMIN_PASSWORD: 'sample-esdb-password', MONGO_ROOT_PASSWORD: 'sample-mongo-password' };

describe('docker-compose.yml is safe by default', () => {
  const services = compose.services;

  it('publishes the api alone on the host', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports !== undefined).map(([name]) => name);
    expect(published).toEqual(['api']);
  });

  it('runs EventStoreDB secure, with certificates from a one-shot service that finishes before it starts', () => {
    const eventstore = services['eventstore']!;
    expect(eventstore.environment).not.toHaveProperty('EVENTSTORE_INSECURE');
    const certificate = eventstore.environment!['EVENTSTORE_CERTIFICATE_FILE']!;
    expect(certificate).toMatch(/^\/certs\//);
    expect(eventstore.environment).toHaveProperty('EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE');
    expect(eventstore.environment).toHaveProperty('EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH');
    const [initName, dependency] = Object.entries(eventstore.depends_on ?? {})[0]!;
    expect(dependency.condition).toBe('service_completed_successfully');
    const init = services[initName]!;
    expect(init.image).toMatch(/^eventstore\/es-gencert-cli:/);
    const certificateVolume = (volumes: string[] | undefined) => volumes?.find((volume) => volume.split(':')[1] === '/certs')?.split(':')[0];
    expect(certificateVolume(init.volumes)).toBeDefined();
    expect(certificateVolume(eventstore.volumes)).toBe(certificateVolume(init.volumes));
    expect(eventstore.healthcheck!.test.join(' ')).toContain('https://');
  });

  it('runs MongoDB with access control: a root user, a replica-set key file, credentials in the health check', () => {
    const mongo = services['mongo']!;
    expect(mongo.command).toEqual(expect.arrayContaining(['--keyFile', '--replSet']));
    expect(mongo.environment!['MONGO_INITDB_ROOT_USERNAME']).toBeTruthy();
    expect(mongo.environment!['MONGO_INITDB_ROOT_PASSWORD']).toMatch(/^\$\{\w+:\?/);
    // `$$` escapes compose's interpolation: the container's shell reads the password from its environment.
    expect(mongo.healthcheck!.test.join(' ')).toContain('-p "$$MONGO_INITDB_ROOT_PASSWORD"');
    const [initName, dependency] = Object.entries(mongo.depends_on ?? {})[0]!;
    expect(dependency.condition).toBe('service_completed_successfully');
    expect(services[initName]!.command!.join(' ')).toContain('chmod 400');
  });

  it('starts nothing until every password is set: no default credential anywhere', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|_URL$/.test(variable)) expect(() => interpolate(value, {})).toThrow(/is required/);
        expect(`${name}.${variable}=${value}`).not.toMatch(/changeit/);
      }
    }
  });

  it.each(['api', 'projector'])('gives the %s store URLs with credentials and TLS that its configuration accepts', (name) => {
    const environment = Object.fromEntries(
      Object.entries(services[name]!.environment!).map(([variable, value]) => [variable, interpolate(value, secrets)]),
    );
    const config = loadConfig(environment);
    expect(config.eventStore).toBe('esdb');
    expect(config.readStore).toBe('mongo');
    const eventStoreUrl = new URL(environment['EVENTSTORE_URL']!);
    expect(eventStoreUrl.password).toBe(secrets.EVENTSTORE_ADMIN_PASSWORD);
    expect(eventStoreUrl.searchParams.get('tls')).toBe('true');
    const trustedCertificate = eventStoreUrl.searchParams.get('tlsCAFile')!;
    expect(services[name]!.volumes).toContainEqual(expect.stringMatching(new RegExp(`:${trustedCertificate.slice(0, trustedCertificate.lastIndexOf('/'))}:ro$`)));
    const mongoUrl = new URL(environment['MONGODB_URL']!);
    expect(mongoUrl.password).toBe(secrets.MONGO_ROOT_PASSWORD);
    expect(mongoUrl.searchParams.get('authSource')).toBe('admin');
  });
});

describe('.github/workflows/integration.yml', () => {
  const [job] = Object.values(workflow.jobs);

  it('runs the contract suites and the e2e suite with both production stores configured', () => {
    const runs = job!.steps.map((step) => step.run);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run test:integration', 'npm run test:jest -- test/e2e']));
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run test:integration'));
    const config = loadConfig(job!.env);
    expect([config.eventStore, config.readStore]).toEqual(['esdb', 'mongo']);
  });

  it('starts each store as a service container on the port its URL names', () => {
    const publishedPorts = Object.values(job!.services).flatMap((service) => service.ports ?? []).map((mapping) => mapping.split(':')[0]);
    for (const variable of ['EVENTSTORE_URL', 'MONGODB_URL']) expect(publishedPorts).toContain(new URL(job!.env[variable]!).port);
  });

  it('uses the Node.js major version these machines run', () => {
    const setupNode = job!.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
    expect(String(setupNode!.with!['node-version'])).toBe(process.versions.node.split('.')[0]);
  });
});
