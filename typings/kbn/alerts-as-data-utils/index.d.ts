/**
 * Our own declaration of the `FieldMap` type from Kibana's `@kbn/alerts-as-data-utils`
 * (src/platform/packages/shared/kbn-alerts-as-data-utils/src/field_maps/types.ts).
 */

/** One sub-field of a multi-field mapping. */
export interface MultiField {
  /** Dotted full name. */
  flat_name: string;
  /** Sub-field name. */
  name: string;
  /** Elasticsearch field type. */
  type: string;
}

/** Field mappings a rule type adds to its alerts-as-data index, keyed by dotted field name. */
export interface FieldMap {
  /** One field's mapping. */
  [key: string]: {
    /** Elasticsearch field type (`keyword`, `date`, `object`…). */
    type: string;
    /** Whether every alert must carry the field. */
    required: boolean;
    /** Whether the field holds an array. */
    array?: boolean;
    /** Whether doc values are stored. */
    doc_values?: boolean;
    /** Whether an object field is parsed (false = stored only). */
    enabled?: boolean;
    /** Date format. */
    format?: string;
    /** Keyword length above which values are not indexed. */
    ignore_above?: number;
    /** Multi-fields of the field. */
    multi_fields?: MultiField[];
    /** Whether the field is indexed. */
    index?: boolean;
    /** Alias target path. */
    path?: string;
    /** Scaling factor of a `scaled_float`. */
    scaling_factor?: number;
    /** Dynamic mapping setting of an object field. */
    dynamic?: boolean | 'strict';
    /** Sub-properties of an object field. */
    properties?: Record<string, { type: string }>;
  };
}

export {};
