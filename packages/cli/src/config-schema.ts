// Generated from schemas/coursemark.config.schema.json by packages/cli/scripts/generate-config-schema.js; do not edit.
/** The JSON Schema of the config file. */
export const configSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/coursemark/coursemark/schemas/coursemark.config.schema.json",
  "title": "coursemark configuration",
  "description": "`coursemark.config.json`, `.coursemarkrc`, `.coursemarkrc.json`, `.coursemarkrc.yaml` or the `coursemark` key of package.json. Data only: nothing in it is executed.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string",
      "description": "Path or URL of this schema, for editors."
    },
    "extends": {
      "$ref": "#/$defs/preset"
    },
    "rules": {
      "$ref": "#/$defs/rules"
    },
    "headings": {
      "$ref": "#/$defs/headings"
    },
    "frontmatter": {
      "$ref": "#/$defs/frontmatter"
    },
    "limits": {
      "$ref": "#/$defs/limits"
    },
    "wordsPerMinute": {
      "$ref": "#/$defs/wordsPerMinute"
    },
    "ignores": {
      "description": "More files to skip, in `.gitignore` syntax, relative to the config file.",
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "links": {
      "$ref": "#/$defs/links"
    },
    "overrides": {
      "description": "Settings for the files that match `files` (globs relative to the config file); later entries win.",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "files"
        ],
        "properties": {
          "files": {
            "$ref": "#/$defs/globs"
          },
          "excludeFiles": {
            "$ref": "#/$defs/globs"
          },
          "extends": {
            "$ref": "#/$defs/preset"
          },
          "rules": {
            "$ref": "#/$defs/rules"
          },
          "headings": {
            "$ref": "#/$defs/headings"
          },
          "frontmatter": {
            "$ref": "#/$defs/frontmatter"
          },
          "limits": {
            "$ref": "#/$defs/limits"
          },
          "wordsPerMinute": {
            "$ref": "#/$defs/wordsPerMinute"
          }
        }
      }
    }
  },
  "$defs": {
    "preset": {
      "description": "The preset the rules start from.",
      "enum": [
        "recommended",
        "strict"
      ]
    },
    "severity": {
      "enum": [
        "off",
        "warn",
        "error"
      ]
    },
    "rules": {
      "description": "Rule id (without `coursemark:`) to `off`, `warn`, `error`, or `[severity, options]`.",
      "type": "object",
      "propertyNames": {
        "pattern": "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
      },
      "additionalProperties": {
        "oneOf": [
          {
            "$ref": "#/$defs/severity"
          },
          {
            "type": "array",
            "prefixItems": [
              {
                "$ref": "#/$defs/severity"
              },
              {}
            ],
            "items": false,
            "minItems": 1,
            "maxItems": 2
          }
        ]
      }
    },
    "globs": {
      "oneOf": [
        {
          "type": "string",
          "minLength": 1
        },
        {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string",
            "minLength": 1
          }
        }
      ]
    },
    "aliases": {
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "headings": {
      "description": "Headings that name the objectives, assignment and resources sections (each list replaces the default).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "objectives": {
          "$ref": "#/$defs/aliases"
        },
        "assignment": {
          "$ref": "#/$defs/aliases"
        },
        "resources": {
          "$ref": "#/$defs/aliases"
        }
      }
    },
    "frontmatter": {
      "description": "Frontmatter validation.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "schema": {
          "type": "string",
          "minLength": 1,
          "description": "Path of a JSON Schema (JSON or YAML) for the frontmatter, relative to the config file."
        },
        "teams": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Allowed `team` values."
        },
        "unknownKeys": {
          "$ref": "#/$defs/severity",
          "description": "How to report frontmatter keys the schema does not know."
        }
      }
    },
    "limits": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "maxSize": {
          "type": "integer",
          "minimum": 1,
          "description": "Largest file, in characters."
        },
        "maxNesting": {
          "type": "integer",
          "minimum": 1,
          "description": "Deepest nesting of lists, block quotes or emphasis."
        }
      }
    },
    "wordsPerMinute": {
      "type": "number",
      "exclusiveMinimum": 0,
      "description": "Reading speed for `readingMinutes`."
    },
    "links": {
      "description": "The link-rot check (`coursemark links`, `coursemark lint --links`).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "allowPrivate": {
          "type": "boolean",
          "description": "Check links to private and loopback addresses too."
        },
        "cache": {
          "oneOf": [
            {
              "type": "string",
              "minLength": 1
            },
            {
              "const": false
            }
          ],
          "description": "Link cache file relative to the config file, or `false` for none."
        },
        "concurrency": {
          "type": "integer",
          "minimum": 1,
          "description": "Requests in flight at once."
        },
        "timeout": {
          "type": "integer",
          "minimum": 1,
          "description": "Timeout of one request, in milliseconds."
        },
        "perHost": {
          "type": "integer",
          "minimum": 1,
          "description": "Requests in flight at once to one host."
        },
        "skip": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "URLs not to request: URL prefixes in which `*` matches anything (`https://www.linkedin.com/`, `*://*.internal/*`)."
        }
      }
    }
  }
} as const
