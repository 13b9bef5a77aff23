import { z } from 'zod';
import { FieldId } from '../fields.ts';
import { Text } from '../text.ts';

/** Where a person's age comes from: a date of birth, else an age in completed years (as the forms ask). */
export const AgeFields = z.object({ dobField: FieldId, ageField: FieldId });
export type AgeFields = z.infer<typeof AgeFields>;

/** The UN categories of place of occurrence, and which of the form's options fall in each. */
export const PlaceOfOccurrenceConfig = z.object({
  /** A SELECT field whose option values are the keys of `groupBy=placeOfOccurrence`. */
  field: FieldId,
  healthFacility: z.array(z.string().min(1)),
  home: z.array(z.string().min(1)),
  /** Every other option counts as "other". */
});
export type PlaceOfOccurrenceConfig = z.infer<typeof PlaceOfOccurrenceConfig>;

/** How the statistics read one event type's declaration: field ids of the country's form. */
export const EventStatisticsConfig = z.object({
  /** A SELECT field; its option values (e.g. `female`) are the keys of `groupBy=sex`. */
  sexField: FieldId,
  placeOfOccurrence: PlaceOfOccurrenceConfig,
  /** The subject's age at the event (deaths: the deceased's age at death). */
  subjectAge: AgeFields.optional(),
  /** The mother's age at the birth (births). */
  motherAge: AgeFields.optional(),
  /** Birth weight in kilograms (births). */
  birthWeightField: FieldId.optional(),
  /**
   * Causes of death, immediate cause first (WHO certificate part I, lines a to d). The underlying cause is the
   * lowest line filled in; it counts by ICD-10 chapter when it starts with an ICD-10 code ("A09 Diarrhoea").
   */
  causeOfDeathFields: z.array(FieldId).optional(),
});
export type EventStatisticsConfig = z.infer<typeof EventStatisticsConfig>;

/** A country's boundary of one administrative area, from its GeoJSON (coordinates as [longitude, latitude]). */
const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const Ring = z.array(Position).min(4);
export const MapGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
export type MapGeometry = z.infer<typeof MapGeometry>;

export const MapFeature = z.object({ areaId: z.string().min(1), geometry: MapGeometry });
export type MapFeature = z.infer<typeof MapFeature>;

/** Boundaries of the areas of one administrative level (levels without boundaries are drawn as ranked bars). */
export const StatisticsMap = z.object({
  level: z.number().int().min(1).max(9),
  features: z.array(MapFeature).min(1),
  /** Where the boundaries come from and how they were matched to areas (shown under the map). */
  source: z.string().min(1),
});
export type StatisticsMap = z.infer<typeof StatisticsMap>;

/** Urban / rural classification of areas at one level, where the country has one (for the UN tabulation). */
export const UrbanRuralConfig = z.object({
  level: z.number().int().min(1).max(9),
  areas: z.record(z.string().min(1), z.enum(['URBAN', 'RURAL'])),
});
export type UrbanRuralConfig = z.infer<typeof UrbanRuralConfig>;

/** What the statistics need from a country besides its forms, locations and population statistics. */
export const VitalStatisticsConfig = z.object({
  /** By event type id (birth, death...). Event types absent here are not counted. */
  events: z.record(z.string(), EventStatisticsConfig),
  /**
   * Deaths per 1,000 population per year, for the expected number of deaths: countries whose statistics have
   * no death rate set one here, and say where it comes from.
   */
  crudeDeathRate: z.object({ perThousand: z.number().positive().max(100), source: Text }),
  map: StatisticsMap.optional(),
  urbanRural: UrbanRuralConfig.optional(),
});
export type VitalStatisticsConfig = z.infer<typeof VitalStatisticsConfig>;
