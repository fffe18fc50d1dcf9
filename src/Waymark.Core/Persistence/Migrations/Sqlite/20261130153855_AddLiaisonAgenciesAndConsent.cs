using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddLiaisonAgenciesAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CriminalJusticeAgencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SecureEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Telephone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeAgencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeAgencies_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeConsent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Information = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Purposes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Form = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    WithdrawnNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeConsent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeConsent_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharingWithoutConsent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Basis = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SecondPersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Information = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingWithoutConsent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingWithoutConsent_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeConsentAgency",
                columns: table => new
                {
                    ConsentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeConsentAgency", x => new { x.ConsentId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_CriminalJusticeConsentAgency_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeConsentAgency_CriminalJusticeConsent_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "CriminalJusticeConsent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharingWithoutConsentAgency",
                columns: table => new
                {
                    SharingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingWithoutConsentAgency", x => new { x.SharingId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_SharingWithoutConsentAgency_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SharingWithoutConsentAgency_SharingWithoutConsent_SharingId",
                        column: x => x.SharingId,
                        principalTable: "SharingWithoutConsent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeAgencies_TeamId_Kind_Name",
                table: "CriminalJusticeAgencies",
                columns: new[] { "TeamId", "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeAgencies_TeamId_Name",
                table: "CriminalJusticeAgencies",
                columns: new[] { "TeamId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeConsent_EpisodeId_GivenAt",
                table: "CriminalJusticeConsent",
                columns: new[] { "EpisodeId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeConsent_PersonId_GivenAt",
                table: "CriminalJusticeConsent",
                columns: new[] { "PersonId", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeConsentAgency_AgencyId",
                table: "CriminalJusticeConsentAgency",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingWithoutConsent_EpisodeId_DecidedAt",
                table: "SharingWithoutConsent",
                columns: new[] { "EpisodeId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharingWithoutConsent_PersonId_DecidedAt",
                table: "SharingWithoutConsent",
                columns: new[] { "PersonId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharingWithoutConsentAgency_AgencyId",
                table: "SharingWithoutConsentAgency",
                column: "AgencyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CriminalJusticeConsentAgency");

            migrationBuilder.DropTable(
                name: "SharingWithoutConsentAgency");

            migrationBuilder.DropTable(
                name: "CriminalJusticeConsent");

            migrationBuilder.DropTable(
                name: "CriminalJusticeAgencies");

            migrationBuilder.DropTable(
                name: "SharingWithoutConsent");
        }
    }
}
