import { loadConfig } from '#config';
import { databaseName } from '#stores/mongo';
import { openTempServerStores, testServers, withDatabase } from './temp-stores.js';

describe('stores of their own on the test servers', () => {
  const servers = { eventStoreUrl: 'esdb://localhost:2113?tls=false', mongodbUrl: 'mongodb://localhost:27017/ql?replicaSet=rs0' };

  it('uses no server unless the environment names one', () => {
    expect(testServers({})).toEqual({ eventStoreUrl: undefined, mongodbUrl: undefined });
    expect(testServers({ EVENTSTORE_URL: ' ', MONGODB_URL: servers.mongodbUrl })).toEqual({ eventStoreUrl: undefined, mongodbUrl: servers.mongodbUrl });
    expect(openTempServerStores({}).env).toEqual({});
  });

  it('gives each app a namespace and a database of its own, which the configuration accepts', () => {
    const first = openTempServerStores(servers);
    const second = openTempServerStores(servers);

    const config = loadConfig(first.env);
    expect(config).toMatchObject({ eventStore: 'esdb', eventStoreUrl: servers.eventStoreUrl, readStore: 'mongo' });
    expect(config.eventStoreNamespace).toMatch(/^e2e[0-9a-f]{12}$/);
    expect(databaseName(config.mongodbUrl!)).toMatch(/^ql_e2e_/);
    expect(second.env.EVENTSTORE_NAMESPACE).not.toBe(first.env.EVENTSTORE_NAMESPACE);
    expect(databaseName(second.env.MONGODB_URL!)).not.toBe(databaseName(first.env.MONGODB_URL!));
  });

  it.each([
    ['mongodb://localhost:27017/ql?replicaSet=rs0', 'mongodb://localhost:27017/e2e?replicaSet=rs0'],
    ['mongodb://localhost:27017/?replicaSet=rs0&directConnection=true', 'mongodb://localhost:27017/e2e?replicaSet=rs0&directConnection=true'],
    ['mongodb://user:pw@a:1,b:2', 'mongodb://user:pw@a:1,b:2/e2e'],
    ['mongodb+srv://cluster.example/ql', 'mongodb+srv://cluster.example/e2e'],
  ])('puts the database into %s', (url, expected) => {
    expect(withDatabase(url, 'e2e')).toBe(expected);
  });
});
