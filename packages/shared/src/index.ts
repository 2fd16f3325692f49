export * from './schemas/common.ts';
export * from './schemas/permissions.ts';
