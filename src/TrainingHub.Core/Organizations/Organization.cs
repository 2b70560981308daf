namespace TrainingHub.Core.Organizations;

public enum OrganizationKind
{
    StateAgency,
    CityHall,
    MunicipalChamber,
    Council,
    ExternalInstitution,
}

/// <summary>An agency, city hall, chamber, council or external institution. Organisations form a tree.</summary>
public class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="Common.NameKey"/> of the name, kept by the DbContext on every save.</summary>
    public string NameKey { get; set; } = "";
    public string? Acronym { get; set; }
    public OrganizationKind Kind { get; set; }

    /// <summary>The 7-digit IBGE code of the municipality (city halls and chambers).</summary>
    public string? IbgeCode { get; set; }

    /// <summary>Two-letter state (UF).</summary>
    public string? State { get; set; }

    public string? Cnpj { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }

    /// <summary>Materialised path of ids, "/1/7/12/", so that "this organisation and those under it" is a prefix match on any database.</summary>
    public string Path { get; set; } = "/";

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
