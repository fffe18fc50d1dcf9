using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnknownIsNotNone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AddressAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DateOfBirthAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EmailAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GpPracticeAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NhsNumberAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PhoneAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PncIdAbsence",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AddressAbsence",
                table: "IdentificationDrafts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DateOfBirthAbsence",
                table: "IdentificationDrafts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NhsNumberAbsence",
                table: "IdentificationDrafts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PncIdAbsence",
                table: "IdentificationDrafts",
                type: "integer",
                nullable: true);

            foreach (var sql in UnknownIsNotNoneSql.Up()) migrationBuilder.Sql(sql);

            migrationBuilder.DropColumn(
                name: "NoFixedAbode",
                table: "People");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NoFixedAbode",
                table: "People",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            foreach (var sql in UnknownIsNotNoneSql.Down()) migrationBuilder.Sql(sql);
            migrationBuilder.DropColumn(
                name: "AddressAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "DateOfBirthAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "EmailAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "GpPracticeAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "NhsNumberAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PhoneAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PncIdAbsence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "AddressAbsence",
                table: "IdentificationDrafts");

            migrationBuilder.DropColumn(
                name: "DateOfBirthAbsence",
                table: "IdentificationDrafts");

            migrationBuilder.DropColumn(
                name: "NhsNumberAbsence",
                table: "IdentificationDrafts");

            migrationBuilder.DropColumn(
                name: "PncIdAbsence",
                table: "IdentificationDrafts");

        }
    }
}
