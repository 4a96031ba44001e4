export * from './activity.projection';
export * from './activity.query';
