/**
 * WSDL of the emulated Hispatec service (document/literal, ASMX style, SOAP 1.1 and 1.2 bindings),
 * generated from the contract names so the emulator can also play a customer's renamed service.
 */

export interface EmulatorContract {
	namespace: string;
	operations: { login: string; contacts: string; companies: string };
	loginParameters: { username: string; password: string };
	loginResultFields: { token: string; expiry: string };
	tokenParameter: string;
	tokenHeaderElement: string;
	pageParameter: string;
	pageSizeParameter: string;
	modifiedSinceParameter: string;
	totalElement: string;
	pageElement: string;
	contactsContainer: string;
	contactRecord: string;
	companiesContainer: string;
	companyRecord: string;
}

export const DEFAULT_CONTRACT: EmulatorContract = {
	namespace: 'urn:hispatec:erpagro:crm',
	operations: { login: 'Login', contacts: 'ObtenerContactos', companies: 'ObtenerEmpresas' },
	loginParameters: { username: 'Usuario', password: 'Password' },
	loginResultFields: { token: 'Token', expiry: 'Caducidad' },
	tokenParameter: 'Token',
	tokenHeaderElement: 'AuthHeader',
	pageParameter: 'Pagina',
	pageSizeParameter: 'TamanoPagina',
	modifiedSinceParameter: 'ModificadoDesde',
	totalElement: 'Total',
	pageElement: 'Pagina',
	contactsContainer: 'Contactos',
	contactRecord: 'Contacto',
	companiesContainer: 'Empresas',
	companyRecord: 'Empresa',
};

/** Fields of a contact record, in WSDL order. */
export const CONTACT_FIELDS = [
	'Codigo',
	'Nombre',
	'Apellidos',
	'IdentificacionFiscalCliente',
	'NIF',
	'DNI',
	'Email',
	'Telefono',
	'TelefonoMovil',
	'Direccion',
	'Poblacion',
	'Provincia',
	'CodigoPostal',
	'Pais',
	'FechaModificacion',
	'TipoCliente',
	'Cultivo',
	'Superficie',
	'FormaPago',
	'Observaciones',
] as const;

/** Fields of a company record, in WSDL order. */
export const COMPANY_FIELDS = [
	'Codigo',
	'RazonSocial',
	'NombreComercial',
	'CIF',
	'IdentificacionFiscal',
	'NIF',
	'Email',
	'Telefono',
	'Direccion',
	'Poblacion',
	'Provincia',
	'CodigoPostal',
	'Pais',
	'Web',
	'FechaModificacion',
	'TipoCliente',
	'Cultivo',
	'Superficie',
	'FormaPago',
	'NumeroSocios',
	'Observaciones',
] as const;

const TYPES: Record<string, string> = { FechaModificacion: 's:dateTime' };

function recordType(name: string, fields: readonly string[]): string {
	const elements = fields
		.map(
			(f) =>
				`<s:element minOccurs="0" maxOccurs="1" name="${f}" nillable="true" type="${TYPES[f] ?? 's:string'}"/>`,
		)
		.join('');
	return `<s:complexType name="${name}"><s:sequence>${elements}</s:sequence></s:complexType>`;
}

export function buildWsdl(contract: EmulatorContract, location: string): string {
	const c = contract;
	const ops = [
		{
			name: c.operations.contacts,
			container: c.contactsContainer,
			record: c.contactRecord,
			result: 'ResultadoContactos',
			array: `ArrayOf${c.contactRecord}`,
		},
		{
			name: c.operations.companies,
			container: c.companiesContainer,
			record: c.companyRecord,
			result: 'ResultadoEmpresas',
			array: `ArrayOf${c.companyRecord}`,
		},
	];
	const dataElements = ops
		.map(
			(op) =>
				`<s:element name="${op.name}"><s:complexType><s:sequence>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${c.tokenParameter}" type="s:string"/>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${c.pageParameter}" type="s:int"/>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${c.pageSizeParameter}" type="s:int"/>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${c.modifiedSinceParameter}" nillable="true" type="s:string"/>` +
				`</s:sequence></s:complexType></s:element>` +
				`<s:element name="${op.name}Response"><s:complexType><s:sequence>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${op.name}Result" type="tns:${op.result}"/>` +
				`</s:sequence></s:complexType></s:element>` +
				`<s:complexType name="${op.result}"><s:sequence>` +
				`<s:element minOccurs="1" maxOccurs="1" name="${c.totalElement}" type="s:int"/>` +
				`<s:element minOccurs="1" maxOccurs="1" name="${c.pageElement}" type="s:int"/>` +
				`<s:element minOccurs="0" maxOccurs="1" name="${op.container}" type="tns:${op.array}"/>` +
				`</s:sequence></s:complexType>` +
				`<s:complexType name="${op.array}"><s:sequence>` +
				`<s:element minOccurs="0" maxOccurs="unbounded" name="${op.record}" nillable="true" type="tns:${op.record}"/>` +
				`</s:sequence></s:complexType>`,
		)
		.join('');
	const types =
		`<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${c.namespace}">` +
		`<s:element name="${c.operations.login}"><s:complexType><s:sequence>` +
		`<s:element minOccurs="0" maxOccurs="1" name="${c.loginParameters.username}" type="s:string"/>` +
		`<s:element minOccurs="0" maxOccurs="1" name="${c.loginParameters.password}" type="s:string"/>` +
		`</s:sequence></s:complexType></s:element>` +
		`<s:element name="${c.operations.login}Response"><s:complexType><s:sequence>` +
		`<s:element minOccurs="0" maxOccurs="1" name="${c.operations.login}Result" type="tns:ResultadoLogin"/>` +
		`</s:sequence></s:complexType></s:element>` +
		`<s:complexType name="ResultadoLogin"><s:sequence>` +
		`<s:element minOccurs="0" maxOccurs="1" name="${c.loginResultFields.token}" type="s:string"/>` +
		`<s:element minOccurs="1" maxOccurs="1" name="${c.loginResultFields.expiry}" type="s:dateTime"/>` +
		`</s:sequence></s:complexType>` +
		`<s:element name="${c.tokenHeaderElement}" type="tns:${c.tokenHeaderElement}"/>` +
		`<s:complexType name="${c.tokenHeaderElement}"><s:sequence>` +
		`<s:element minOccurs="0" maxOccurs="1" name="${c.tokenParameter}" type="s:string"/>` +
		`</s:sequence></s:complexType>` +
		dataElements +
		recordType(c.contactRecord, CONTACT_FIELDS) +
		recordType(c.companyRecord, COMPANY_FIELDS) +
		`</s:schema></wsdl:types>`;

	const allOps = [c.operations.login, c.operations.contacts, c.operations.companies];
	const messages =
		allOps
			.map(
				(op) =>
					`<wsdl:message name="${op}SoapIn"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>` +
					`<wsdl:message name="${op}SoapOut"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
			)
			.join('') +
		`<wsdl:message name="${c.tokenHeaderElement}Message"><wsdl:part name="${c.tokenHeaderElement}" element="tns:${c.tokenHeaderElement}"/></wsdl:message>`;
	const portType =
		`<wsdl:portType name="IntegracionCRMSoap">` +
		allOps
			.map(
				(op) =>
					`<wsdl:operation name="${op}"><wsdl:input message="tns:${op}SoapIn"/><wsdl:output message="tns:${op}SoapOut"/></wsdl:operation>`,
			)
			.join('') +
		`</wsdl:portType>`;
	const binding = (prefix: 'soap' | 'soap12', name: string) =>
		`<wsdl:binding name="${name}" type="tns:IntegracionCRMSoap">` +
		`<${prefix}:binding transport="http://schemas.xmlsoap.org/soap/http"/>` +
		allOps
			.map((op) => {
				const header =
					op === c.operations.login
						? ''
						: `<${prefix}:header message="tns:${c.tokenHeaderElement}Message" part="${c.tokenHeaderElement}" use="literal"/>`;
				return (
					`<wsdl:operation name="${op}"><${prefix}:operation soapAction="${c.namespace.replace(/\/+$/, '')}/${op}" style="document"/>` +
					`<wsdl:input>${header}<${prefix}:body use="literal"/></wsdl:input>` +
					`<wsdl:output><${prefix}:body use="literal"/></wsdl:output></wsdl:operation>`
				);
			})
			.join('') +
		`</wsdl:binding>`;
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" ' +
		`xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${c.namespace}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" ` +
		`targetNamespace="${c.namespace}">` +
		types +
		messages +
		portType +
		binding('soap', 'IntegracionCRMSoap') +
		binding('soap12', 'IntegracionCRMSoap12') +
		`<wsdl:service name="IntegracionCRM">` +
		`<wsdl:port name="IntegracionCRMSoap" binding="tns:IntegracionCRMSoap"><soap:address location="${location}"/></wsdl:port>` +
		`<wsdl:port name="IntegracionCRMSoap12" binding="tns:IntegracionCRMSoap12"><soap12:address location="${location}"/></wsdl:port>` +
		`</wsdl:service></wsdl:definitions>`
	);
}
