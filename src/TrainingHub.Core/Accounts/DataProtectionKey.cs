namespace TrainingHub.Core.Accounts;

/// <summary>An ASP.NET Core data-protection key kept in the database so that app instances share cookies and tokens.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
