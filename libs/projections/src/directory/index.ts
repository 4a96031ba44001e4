export * from './directory-organisation.entity';
export * from './directory.evolve';
export * from './directory.projection';
export * from './directory.query';
