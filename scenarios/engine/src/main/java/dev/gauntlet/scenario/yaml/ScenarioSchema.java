package dev.gauntlet.scenario.yaml;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinitionProvider;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaKeyword;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    config.forFields().withCustomDefinitionProvider(new ScalarMapValues());
    config.forFields().withCustomDefinitionProvider(new SingleValueAsList());
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
          CustomDefinition.DefinitionType.INLINE,
          CustomDefinition.AttributeInclusion.NO);
    }
  }

  /**
   * A type that Jackson also reads from one scalar (its short form, a delegating creator from text
   * or a number): that scalar, or its mapping.
   */
  private static final class ShortForm implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(
        ResolvedType type, SchemaGenerationContext context) {
      Set<String> scalars = shortFormTypes(type.getErasedType());
      if (scalars.isEmpty()) {
        return null;
      }
      ObjectNode definition = context.getGeneratorConfig().createObjectNode();
      ArrayNode anyOf = definition.putArray(context.getKeyword(SchemaKeyword.TAG_ANYOF));
      for (String scalar : scalars) {
        anyOf.addObject().put("type", scalar);
      }
      anyOf.add(context.createStandardDefinition(type, this));
      // no attributes on the anyOf itself: the mapping branch has them (additionalProperties
      // false there; on the anyOf it would refuse every key)
      return new CustomDefinition(
          definition,
          CustomDefinition.DefinitionType.STANDARD,
          CustomDefinition.AttributeInclusion.NO);
    }
  }

  /**
   * A {@code Map<String, String>} of parameters takes any scalar as a value ({@code shift: 2}):
   * Jackson binds numbers and booleans to their text.
   */
  private static final class ScalarMapValues
      implements CustomPropertyDefinitionProvider<FieldScope> {
    @Override
    public CustomPropertyDefinition provideCustomSchemaDefinition(
        FieldScope field, SchemaGenerationContext context) {
      ResolvedType type = field.getType();
      if (!Map.class.isAssignableFrom(type.getErasedType())
          || type.getTypeParameters().size() != 2
          || type.getTypeParameters().get(1).getErasedType() != String.class) {
        return null;
      }
      ObjectNode definition = context.getGeneratorConfig().createObjectNode();
      definition.put("type", "object");
      definition
          .putObject("additionalProperties")
          .putArray("type")
          .add("string")
          .add("number")
          .add("boolean");
      return new CustomPropertyDefinition(definition, CustomDefinition.AttributeInclusion.YES);
    }
  }

  /** A list that Jackson also reads from a single value ({@code id: customer_id}). */
  private static final class SingleValueAsList
      implements CustomPropertyDefinitionProvider<FieldScope> {
    @Override
    public CustomPropertyDefinition provideCustomSchemaDefinition(
        FieldScope field, SchemaGenerationContext context) {
      JsonFormat format = field.getAnnotationConsideringFieldAndGetter(JsonFormat.class);
      if (format == null
          || !Arrays.asList(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          || !field.isContainerType()) {
        return null;
      }
      ObjectNode definition = context.getGeneratorConfig().createObjectNode();
      ArrayNode anyOf = definition.putArray(context.getKeyword(SchemaKeyword.TAG_ANYOF));
      anyOf.add(context.createStandardDefinitionReference(field.getContainerItemType(), null));
      anyOf.add(context.createStandardDefinition(field, this));
      return new CustomPropertyDefinition(definition, CustomDefinition.AttributeInclusion.NO);
    }
  }

  /** JSON types of the scalars a type's delegating creators take, in a fixed order. */
  static Set<String> shortFormTypes(Class<?> type) {
    Set<String> types = new TreeSet<>();
    for (Method m : type.getDeclaredMethods()) {
      JsonCreator creator = m.getAnnotation(JsonCreator.class);
      if (creator == null
          || creator.mode() != JsonCreator.Mode.DELEGATING
          || !Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() != 1) {
        continue;
      }
      Class<?> p = m.getParameterTypes()[0];
      if (p == String.class) {
        types.add("string");
      } else if (p == int.class || p == Integer.class || p == long.class || p == Long.class) {
        types.add("integer");
      } else if (p == double.class || p == Double.class) {
        types.add("number");
      } else if (p == boolean.class || p == Boolean.class) {
        types.add("boolean");
      }
    }
    if (types.contains("number")) {
      types.remove("integer"); // integers are numbers
    }
    return types;
  }
}
