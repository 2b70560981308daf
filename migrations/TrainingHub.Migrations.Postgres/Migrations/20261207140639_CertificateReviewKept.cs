using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CertificateReviewKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewKeptAt",
                table: "Certificates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewKeptBy",
                table: "Certificates",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewKeptReason",
                table: "Certificates",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReviewKeptAt",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ReviewKeptBy",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ReviewKeptReason",
                table: "Certificates");
        }
    }
}
