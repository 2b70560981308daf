using System.Text.Json;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>
/// Checks a real answer against the OpenAPI document: its status must be one the operation lists, and its JSON body
/// must match that response's schema. A small validator of the JSON Schema subset the document uses ($ref, type,
/// properties, required, items, enum, additionalProperties, oneOf/anyOf/allOf); formats and patterns are not checked.
/// </summary>
public sealed class OpenApiContract(JsonDocument document)
{
    private readonly JsonElement root = document.RootElement;

    public JsonElement Operation(string method, string path)
    {
        if (!root.GetProperty("paths").TryGetProperty(path, out var item))
        {
            throw new AssertionException($"The document has no path {path}.");
        }

        return item.TryGetProperty(method.ToLowerInvariant(), out var op)
            ? op
            : throw new AssertionException($"The document has no {method} {path}.");
    }

    /// <summary>The problems found (none when the answer matches the document).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string method, string path, HttpResponseMessage response)
    {
        var call = $"{method} {path} → {(int)response.StatusCode}";
        var responses = Operation(method, path).GetProperty("responses");
        if (!responses.TryGetProperty(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), out var declared)
            && !responses.TryGetProperty("default", out declared))
        {
            return [$"{call}: status not in the document (it lists {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})"];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return [];
        }

        if (!declared.TryGetProperty("content", out var content))
        {
            return [$"{call}: answers {mediaType} but the document declares no content"];
        }

        var media = content.EnumerateObject().FirstOrDefault(c => c.Name == mediaType);
        if (media.Value.ValueKind == JsonValueKind.Undefined)
        {
            media = content.EnumerateObject().FirstOrDefault(c => c.Name.Contains("json", StringComparison.Ordinal));
        }

        if (media.Value.ValueKind == JsonValueKind.Undefined || !media.Value.TryGetProperty("schema", out var schema))
        {
            return [$"{call}: answers {mediaType} but the document declares no JSON schema for it"];
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = new List<string>();
        Validate(schema, body.RootElement, "$", errors, 0);
        return errors.Select(e => $"{call}: {e}").ToList();
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            schema = target;
        }

        return schema;
    }

    private void Validate(JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        if (depth > 40 || schema.ValueKind == JsonValueKind.True || (schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any()))
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{at}: not allowed");
            return;
        }

        schema = Resolve(schema);
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var s in allOf.EnumerateArray())
            {
                Validate(s, value, at, errors, depth + 1);
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var matches = options.EnumerateArray().Count(s =>
                {
                    var e = new List<string>();
                    Validate(s, value, at, e, depth + 1);
                    return e.Count == 0;
                });
                if (matches == 0)
                {
                    errors.Add($"{at}: matches none of the {keyword} schemas ({Short(value)})");
                    return;
                }
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
            {
                types.Add("null");
            }

            if (!types.Any(t => Is(t, value)))
            {
                errors.Add($"{at}: expected {string.Join(" or ", types)}, got {value.ValueKind} ({Short(value)})");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {Short(value)} is not one of {allowed.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{at}: required property '{name}' is missing");
                    }
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Validate(propertySchema, property.Value, $"{at}.{property.Name}", errors, depth + 1);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    Validate(additional, property.Value, $"{at}.{property.Name}", errors, depth + 1);
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(items, item, $"{at}[{i++}]", errors, depth + 1);
            }
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
