import express from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';

/**
 * Serves the Altair GraphQL IDE from the installed package (no CDN) at /ide, pointed at /graphql;
 * `/` redirects there. Banners are off: Altair would otherwise advertise its AI plugin ("Try Altair AI").
 */
export function mountIde(app: express.Express): void {
  const page = renderAltair({
    baseURL: '/ide/',
    endpointURL: '/graphql',
    initialQuery: EXAMPLE_QUERY,
    disableAccount: true,
    persistedSettings: { 'banners.disable': true },
  });
  app.get('/', (_req, res) => res.redirect('/ide/'));
  app.get(['/ide', '/ide/'], (req, res) => {
    if (req.path === '/ide') return res.redirect('/ide/');
    res.type('html').send(page);
  });
  app.use('/ide', express.static(getDistDirectory(), { index: false }));
}

const EXAMPLE_QUERY = `# Platforms registered with the registry, by name
query Platforms {
  platforms(first: 10) {
    totalCount
    nodes { id legalName registryStatus qualifications { type state validTo } }
  }
}
`;
