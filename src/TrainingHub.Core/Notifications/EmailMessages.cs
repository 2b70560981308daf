using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The message types, found by reflection: every record implementing <see cref="IEmailMessage"/>. A type's stored name
/// is its record name (the outbox column MessageType, the admin screens' filter and the X-TrainingHub-Message header),
/// so renaming a message record needs a migration of the rows that carry the old name. Its template is the view of the
/// same name in the same folder.
/// </summary>
public static class EmailMessages
{
    private static readonly Dictionary<string, Type> Types = typeof(IEmailMessage).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IEmailMessage).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutEssential } },
    };

    public static IReadOnlyCollection<Type> All => Types.Values;

    /// <summary>The name stored in the outbox: the record's name.</summary>
    public static string NameOf(IEmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.GetType().Name;
    }

    public static string Serialize(IEmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, message.GetType(), Json);
    }

    /// <summary>The record stored under this type name, or null when no message has that name.</summary>
    public static IEmailMessage? Read(string messageType, string json)
    {
        if (!Types.TryGetValue(messageType, out var type))
        {
            return null;
        }

        var node = JsonNode.Parse(json) as JsonObject ?? [];
        Upgrade(node, type);
        return (IEmailMessage?)node.Deserialize(type, Json);
    }

    /// <summary>The template: the view named like the record, in the record's folder (TrainingHub.Core.Enrolment.Messages → /Enrolment/Messages/).</summary>
    public static string TemplatePath(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var folder = (type.Namespace ?? "")["TrainingHub.Core".Length..].Replace('.', '/');
        return $"{folder}/{type.Name}.cshtml";
    }

    /// <summary>Old payloads name some fields differently: move them to the current name (top level; nested records kept their names).</summary>
    private static void Upgrade(JsonObject node, Type type)
    {
        foreach (var property in type.GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.GetCustomAttribute<FormerlyAttribute>() is not { } formerly || node.ContainsKey(name))
            {
                continue;
            }

            foreach (var old in formerly.Names)
            {
                if (node.TryGetPropertyValue(old, out var value))
                {
                    node.Remove(old);
                    node[name] = value;
                    break;
                }
            }
        }
    }

    /// <summary>Whether a message is essential belongs to its type, not to each row's payload.</summary>
    private static void LeaveOutEssential(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(IEmailMessage).IsAssignableFrom(info.Type))
        {
            return;
        }

        foreach (var p in info.Properties.Where(p => p.Name == "essential").ToList())
        {
            info.Properties.Remove(p);
        }
    }
}
