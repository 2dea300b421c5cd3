import express from 'express';
import type * as AltairStatic from 'altair-static';

/**
 * Serves the Altair GraphQL IDE from the installed package (no CDN) at /ide, pointed at /graphql;
 * `/` redirects there. Banners are off: Altair would otherwise advertise its AI plugin ("Try Altair AI").
 */
export function mountIde(app: express.Express): void {
  // altair-static is loaded on the first IDE request, not at boot
  let ide: { page: string; files: express.Handler } | undefined;
  const loadIde = () => {
    if (ide) return ide;
    const { getDistDirectory, renderAltair } = require('altair-static') as typeof AltairStatic;
    const page = renderAltair({
      baseURL: '/ide/',
      endpointURL: '/graphql',
      initialQuery: EXAMPLE_QUERY,
      disableAccount: true,
      persistedSettings: { 'banners.disable': true },
    });
    ide = { page, files: express.static(getDistDirectory(), { index: false }) };
    return ide;
  };
  app.get('/', (_req, res) => res.redirect('/ide/'));
  app.get(['/ide', '/ide/'], (req, res) => {
    if (req.path === '/ide') return res.redirect('/ide/');
    res.type('html').send(loadIde().page);
  });
  app.use('/ide', (req, res, next) => loadIde().files(req, res, next));
}

const EXAMPLE_QUERY = `# Platforms registered with the registry, by name
query Platforms {
  platforms(first: 10) {
    totalCount
    nodes { id legalName registryStatus qualifications { type state validTo } }
  }
}
`;
