using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TrainingHub.Seeding;

/// <summary>One column a bulk writer fills: store name, the value type handed to the writer, and the store type.</summary>
/// <param name="Name">Column name as mapped by EF.</param>
/// <param name="ValueType">CLR type of the values (after EF's value conversion: enums are strings here), never Nullable&lt;T&gt;.</param>
/// <param name="StoreType">The column's database type as EF maps it (for example "timestamp with time zone"), for writers that need it, such as a PostgreSQL binary COPY.</param>
public sealed record BulkColumn(string Name, Type ValueType, string StoreType);

/// <summary>A table and the columns a bulk load fills, in the order row values are given. Names come from the EF model.</summary>
public sealed class BulkTable
{
    private BulkTable(string name, string? schema, IReadOnlyList<BulkColumn> columns)
    {
        Name = name;
        Schema = schema;
        Columns = columns;
    }

    public string Name { get; }
    public string? Schema { get; }
    public IReadOnlyList<BulkColumn> Columns { get; }

    /// <summary>"schema"."Table", quoted with double quotes (SQLite and PostgreSQL both accept them).</summary>
    public string QuotedName => Schema is null ? Quote(Name) : $"{Quote(Schema)}.{Quote(Name)}";

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Maps <paramref name="properties"/> of <paramref name="clrType"/> (or of a type derived from it, for
    /// table-per-hierarchy columns such as a discriminator or a subtype's foreign key) to their columns. When more than
    /// one property is asked for (a row load, not a key lookup), every required column without a default must be among them.
    /// </summary>
    public static BulkTable For(DbContext db, Type clrType, params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(clrType) ?? throw new ArgumentException($"{clrType.Name} is not in the model.", nameof(clrType));
        var table = entity.GetTableName() ?? throw new ArgumentException($"{clrType.Name} is not mapped to a table.", nameof(clrType));
        var schema = entity.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var columns = new List<BulkColumn>(properties.Length);
        foreach (var name in properties)
        {
            var property = entity.FindProperty(name)
                ?? entity.GetDerivedTypes().Select(d => d.FindDeclaredProperty(name)).FirstOrDefault(p => p is not null)
                ?? throw new ArgumentException($"{clrType.Name}.{name} is not in the model.", nameof(properties));
            var mapping = property.GetRelationalTypeMapping();
            var valueType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            columns.Add(new BulkColumn(
                property.GetColumnName(store) ?? throw new ArgumentException($"{clrType.Name}.{name} has no column in {table}.", nameof(properties)),
                Nullable.GetUnderlyingType(valueType) ?? valueType,
                mapping.StoreType));
        }

        // Fail loudly when the model gains a required column the bulk load does not fill.
        var missing = entity.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredProperties())
            .Where(p => !p.IsNullable && p.ValueGenerated == ValueGenerated.Never && p.GetDefaultValueSql() is null && p.GetDefaultValue() is null)
            .Select(p => p.Name)
            .Except(properties, StringComparer.Ordinal)
            .ToList();
        if (properties.Length > 1 && missing.Count > 0)
        {
            throw new InvalidOperationException($"A bulk load of {table} would leave required column(s) {string.Join(", ", missing)} empty: update the bulk seeder.");
        }

        return new BulkTable(table, schema, columns);
    }
}
