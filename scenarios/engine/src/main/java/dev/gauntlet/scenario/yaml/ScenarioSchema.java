package dev.gauntlet.scenario.yaml;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON Schema of a spec type, generated from its records (victools), so the schema an editor
 * checks a file with and the one Gauntlet validates with are the same, and neither is written by
 * hand. Records forbid unknown keys; a {@link JsonNode} component takes any value; a type with a
 * delegating {@link JsonCreator} from text (a short form such as {@code data: credit.csv}) takes
 * that text or the full mapping.
 */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  /** The schema of {@code specType} as a tree. */
  public static ObjectNode of(Class<?> specType) {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
            .with(
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.FLATTENED_ENUMS,
                Option.DEFINITIONS_FOR_ALL_OBJECTS,
                Option.PLAIN_DEFINITION_KEYS);
    config.forTypesInGeneral().withCustomDefinitionProvider(new AnyJson());
    config.forTypesInGeneral().withCustomDefinitionProvider(new ShortForm());
    return new SchemaGenerator(config.build()).generateSchema(specType);
  }

  /** The schema as the text {@code gauntlet schema} prints and docs/ holds: 2-space JSON, LF. */
  public static String text(Class<?> specType) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return new ObjectMapper().writer(printer).writeValueAsString(of(specType)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a schema tree always serialises", e);
    }
  }

  /** A {@link JsonNode} component holds any JSON (a world spec written inline). */
  private static final class AnyJson implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(
        ResolvedType type, SchemaGenerationContext context) {
      if (!JsonNode.class.isAssignableFrom(type.getErasedType())) {
        return null;
      }
      return new CustomDefinition(
          context.getGeneratorConfig().createObjectNode(),
          CustomDefinition.INLINE_DEFINITION,
          CustomDefinition.INCLUDING_ATTRIBUTES);
    }
  }

  /** A type that Jackson also reads from one text (its short form): that text, or its mapping. */
  private static final class ShortForm implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(
        ResolvedType type, SchemaGenerationContext context) {
      if (textCreator(type.getErasedType()).isEmpty()) {
        return null;
      }
      ObjectNode definition = context.getGeneratorConfig().createObjectNode();
      ArrayNode anyOf = definition.putArray(context.getKeyword(keywordAnyOf()));
      anyOf.addObject().put("type", "string");
      anyOf.add(context.createStandardDefinition(type, this));
      // no attributes on the anyOf itself: the mapping branch has them (additionalProperties
      // false there; on the anyOf it would refuse every key)
      return new CustomDefinition(
          definition,
          CustomDefinition.DefinitionType.STANDARD,
          CustomDefinition.AttributeInclusion.NO);
    }

    private static com.github.victools.jsonschema.generator.SchemaKeyword keywordAnyOf() {
      return com.github.victools.jsonschema.generator.SchemaKeyword.TAG_ANYOF;
    }
  }

  /** The static delegating creator from one String that a type declares, if any. */
  static Optional<Method> textCreator(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class)
        .filter(
            m -> {
              JsonCreator creator = m.getAnnotation(JsonCreator.class);
              return creator != null && creator.mode() == JsonCreator.Mode.DELEGATING;
            })
        .findFirst();
  }
}
