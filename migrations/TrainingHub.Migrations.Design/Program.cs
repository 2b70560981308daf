// dotnet-ef needs an executable startup project; this one only hosts the design-time factory.
Console.WriteLine("TrainingHub design-time host for dotnet-ef. See README.md, section Migrations.");
