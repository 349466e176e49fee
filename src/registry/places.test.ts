import { describe, expect, it } from 'vitest';
import { aorFeatures, resolvePlace } from './places.js';

describe('places: city -> county -> AOR', () => {
  it('resolves the seed article\'s places through the gazetteer and county polygons', () => {
    const aurora = resolvePlace('Aurora, CO');
    expect(aurora.counties.map((c) => c.fips)).toEqual(['08005']); // Arapahoe County
    expect(aurora.aor?.code).toBe('DEN');
    expect(resolvePlace('New York City').aor?.code).toBe('NYC');
    expect(resolvePlace('Chicago, Illinois').counties[0].name).toBe('Cook');
  });

  it('splits New York between Buffalo and New York City by county', () => {
    expect(resolvePlace('Buffalo, NY').aor?.code).toBe('BUF');
    expect(resolvePlace('Kings County, NY').aor?.code).toBe('NYC');
    expect(resolvePlace('Texas').aor).toBeNull(); // a state split between AORs
    expect(resolvePlace('Colorado').aor?.code).toBe('DEN');
  });

  it('says what it cannot resolve', () => {
    expect(() => resolvePlace('Atlantis, XX')).toThrow(/not a U.S. state/);
    expect(() => resolvePlace('Nowhereville, CO')).toThrow(/no U.S. city "Nowhereville" in Colorado/);
  });

  it('merges counties into the 25 AOR polygons', () => {
    const features = aorFeatures();
    expect(features.map((f) => f.properties.code).sort()).toHaveLength(25);
  });
});
