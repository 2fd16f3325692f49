import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openSecretBox, type SecretBox } from './secret-box.ts';
import { openStore, type Store } from './store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    secretBox: SecretBox;
  }
}

export interface StorePluginOptions {
  dataDir: string;
  /** PostgreSQL instead of the embedded SQLite store in `dataDir`. */
  databaseUrl: string | undefined;
  secretKey: Buffer | undefined;
}

export default fp(
  async function storePlugin(app: FastifyInstance, { dataDir, databaseUrl, secretKey }: StorePluginOptions) {
    const store = await openStore({ dataDir, databaseUrl });
    try {
      app.decorate('secretBox', await openSecretBox(store, dataDir, secretKey));
    } catch (error) {
      await store.destroy();
      throw error;
    }
    app.decorate('store', store);
    app.addHook('onClose', async () => store.destroy());
  },
  { name: 'store' },
);
