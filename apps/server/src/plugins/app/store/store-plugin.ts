import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openSecretBox, type SecretBox } from './secret-box.ts';
import { openSqliteStore, type Store } from './store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    secretBox: SecretBox;
  }
}

export interface StorePluginOptions {
  dataDir: string;
  secretKey: Buffer | undefined;
}

export default fp(
  async function storePlugin(app: FastifyInstance, { dataDir, secretKey }: StorePluginOptions) {
    const store = await openSqliteStore(dataDir);
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
