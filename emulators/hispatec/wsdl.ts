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
	'CodigoEmpresa',
	'CIFEmpresa',
	'Baja',
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
	'Baja',
] as const;

const TYPES: Record<string, string> = { FechaModificacion: 's:dateTime' };

/** One `<s:element>` of a sequence (optional and single unless told). */
function field(
	name: string,
	type: string,
	occurs: { min?: 0 | 1; max?: 1 | 'unbounded'; nillable?: boolean } = {},
): string {
	const nillable = occurs.nillable ? ' nillable="true"' : '';
	return `<s:element minOccurs="${occurs.min ?? 0}" maxOccurs="${occurs.max ?? 1}" name="${name}"${nillable} type="${type}"/>`;
}

function complexType(name: string, ...fields: string[]): string {
	return `<s:complexType name="${name}"><s:sequence>${fields.join('')}</s:sequence></s:complexType>`;
}

/** A document/literal wrapper element (an operation's request or response). */
function wrapperElement(name: string, ...fields: string[]): string {
	return `<s:element name="${name}"><s:complexType><s:sequence>${fields.join('')}</s:sequence></s:complexType></s:element>`;
}

function recordType(name: string, fields: readonly string[]): string {
	return complexType(
		name,
		...fields.map((f) => field(f, TYPES[f] ?? 's:string', { nillable: true })),
	);
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
				wrapperElement(
					op.name,
					field(c.tokenParameter, 's:string'),
					field(c.pageParameter, 's:int'),
					field(c.pageSizeParameter, 's:int'),
					field(c.modifiedSinceParameter, 's:string', { nillable: true }),
				) +
				wrapperElement(`${op.name}Response`, field(`${op.name}Result`, `tns:${op.result}`)) +
				complexType(
					op.result,
					field(c.totalElement, 's:int', { min: 1 }),
					field(c.pageElement, 's:int', { min: 1 }),
					field(op.container, `tns:${op.array}`),
				) +
				complexType(
					op.array,
					field(op.record, `tns:${op.record}`, { max: 'unbounded', nillable: true }),
				),
		)
		.join('');
	const login = c.operations.login;
	const types =
		`<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${c.namespace}">` +
		wrapperElement(
			login,
			field(c.loginParameters.username, 's:string'),
			field(c.loginParameters.password, 's:string'),
		) +
		wrapperElement(`${login}Response`, field(`${login}Result`, 'tns:ResultadoLogin')) +
		complexType(
			'ResultadoLogin',
			field(c.loginResultFields.token, 's:string'),
			field(c.loginResultFields.expiry, 's:dateTime', { min: 1 }),
		) +
		`<s:element name="${c.tokenHeaderElement}" type="tns:${c.tokenHeaderElement}"/>` +
		complexType(c.tokenHeaderElement, field(c.tokenParameter, 's:string')) +
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
