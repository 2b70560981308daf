using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReportSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    FiltersJson = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ScopeOrganizationId = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSubscriptions", x => x.Id);
                    table.CheckConstraint("CK_ReportSubscriptions_CancelledAfterCreated", "\"CancelledAt\" IS NULL OR \"CancelledAt\" >= \"CreatedAt\"");
                    table.ForeignKey(
                        name: "FK_ReportSubscriptions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReportSubscriptions_Organizations_ScopeOrganizationId",
                        column: x => x.ScopeOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReportSubscriptions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubscriptions_PersonId",
                table: "ReportSubscriptions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubscriptions_ScopeOrganizationId",
                table: "ReportSubscriptions",
                column: "ScopeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubscriptions_UserId_CancelledAt",
                table: "ReportSubscriptions",
                columns: new[] { "UserId", "CancelledAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportSubscriptions");
        }
    }
}
