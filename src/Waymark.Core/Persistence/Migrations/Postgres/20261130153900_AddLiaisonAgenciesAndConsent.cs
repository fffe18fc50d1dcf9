using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SecureEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Telephone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetiredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Information = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Purposes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    CapacityNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GivenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    WithdrawnNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SecondPersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Information = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
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
                    ConsentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeConsentAgency", x => new { x.ConsentId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_CriminalJusticeConsentAgency_CriminalJusticeAgencies_Agency~",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeConsentAgency_CriminalJusticeConsent_Consent~",
                        column: x => x.ConsentId,
                        principalTable: "CriminalJusticeConsent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharingWithoutConsentAgency",
                columns: table => new
                {
                    SharingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false)
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
