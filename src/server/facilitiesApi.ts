/** Routes over ICE's facility tables: detention by field office, real data with no release imported. */
import { z } from 'zod';
import type { ReadDb } from '../store/db.js';
import { aorFacilityHistory, facilitiesByAor, facilityList, nonCriminalShareByYear, FACILITY_DEFINITIONS } from '../analysis/facilities.js';
import { aorCode, HttpError, type Api } from './routes.js';
import { vocab } from '../vocab/index.js';

const edition = z.string().regex(/^(\d{4}-\d{2}-\d{2}|(FY|fy)?\d{2}(\d{2})?)$/, 'an edition date (YYYY-MM-DD) or a fiscal year (FY25)').optional();

/** Facility figures are ICE's published averages per institution, not counts of people in a cell: no suppression applies. */
export function registerFacilityRoutes(api: Api, db: ReadDb): void {
  api.route({
    method: 'GET', path: '/api/facilities',
    summary: "detention by field office from ICE's facility tables: population held in facilities in each AOR, its non-criminal share, change against the previous fiscal year (by=aor), or each facility (by=facility)",
    query: z.object({ by: z.enum(['aor', 'facility']).optional(), edition, aor: aorCode.optional() }),
    handler: async ({ query }) => {
      try {
        if (query.by === 'facility') return await facilityList(db, { edition: query.edition, aor: query.aor });
        return await facilitiesByAor(db, { edition: query.edition });
      } catch (err) {
        throw new HttpError(404, (err as Error).message);
      }
    },
    table: (r) => ({ columns: Object.keys(r.rows[0] ?? {}), rows: r.rows }),
  });

  api.route({
    method: 'GET', path: '/api/facilities/years', summary: "non-criminal share of people held in ICE facilities by fiscal year, from each year's final edition",
    handler: async () => ({ definitions: FACILITY_DEFINITIONS, years: await nonCriminalShareByYear(db) }),
    table: (r) => ({ columns: ['fiscal_year', 'edition', 'adp', 'non_criminal_share'], rows: r.years }),
  });

  api.route({
    method: 'GET', path: '/api/aors/:code/facilities', summary: "one AOR's detention facilities, as ICE names them, with their population by edition",
    handler: async ({ params }) => {
      const code = aorCode.parse(params.code);
      return { aor: code, aor_name: vocab().aors.find((a) => a.code === code)?.name ?? code, definitions: FACILITY_DEFINITIONS, facilities: await aorFacilityHistory(db, code) };
    },
    table: (r) => ({ columns: ['name', 'city', 'state', 'edition', 'fiscal_year', 'adp', 'non_criminal_share'], rows: r.facilities }),
  });
}
