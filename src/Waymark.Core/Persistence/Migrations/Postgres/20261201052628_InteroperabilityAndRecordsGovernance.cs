using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InteroperabilityAndRecordsGovernance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionPlans_TeamId",
                table: "ActionPlans");

            migrationBuilder.AddColumn<int>(
                name: "Scope",
                table: "DirectoryApiKeys",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeactivatedBy",
                table: "AspNetUsers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PasswordChangeRequiredAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PasswordChangeRequiredBy",
                table: "AspNetUsers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DestructionLogEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    DestroyedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rule = table.Column<int>(type: "integer", nullable: false),
                    PersonHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CountsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DestructionLogEntry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalHold",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlacedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHold", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalHold_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionKey",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionKey", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentCompletions_TeamId_CompletedAt",
                table: "InstrumentCompletions",
                columns: new[] { "TeamId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlans_TeamId_CreatedAt",
                table: "CrisisPlans",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeConsent_TeamId_GivenAt",
                table: "CriminalJusticeConsent",
                columns: new[] { "TeamId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_PersonId_GivenAt",
                table: "Consents",
                columns: new[] { "PersonId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_TeamId_GivenAt",
                table: "Consents",
                columns: new[] { "TeamId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_TeamId_StartsAt",
                table: "Appointments",
                columns: new[] { "TeamId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_TeamId_CreatedAt",
                table: "ActionPlans",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DestructionLogEntry_DestroyedAt",
                table: "DestructionLogEntry",
                column: "DestroyedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DestructionLogEntry_PersonHash",
                table: "DestructionLogEntry",
                column: "PersonHash");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHold_PersonId_LiftedAt",
                table: "LegalHold",
                columns: new[] { "PersonId", "LiftedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DestructionLogEntry");

            migrationBuilder.DropTable(
                name: "LegalHold");

            migrationBuilder.DropTable(
                name: "RetentionKey");

            migrationBuilder.DropIndex(
                name: "IX_InstrumentCompletions_TeamId_CompletedAt",
                table: "InstrumentCompletions");

            migrationBuilder.DropIndex(
                name: "IX_CrisisPlans_TeamId_CreatedAt",
                table: "CrisisPlans");

            migrationBuilder.DropIndex(
                name: "IX_CriminalJusticeConsent_TeamId_GivenAt",
                table: "CriminalJusticeConsent");

            migrationBuilder.DropIndex(
                name: "IX_Consents_PersonId_GivenAt",
                table: "Consents");

            migrationBuilder.DropIndex(
                name: "IX_Consents_TeamId_GivenAt",
                table: "Consents");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_TeamId_StartsAt",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_ActionPlans_TeamId_CreatedAt",
                table: "ActionPlans");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "DirectoryApiKeys");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DeactivatedBy",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PasswordChangeRequiredAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PasswordChangeRequiredBy",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_TeamId",
                table: "ActionPlans",
                column: "TeamId");
        }
    }
}
