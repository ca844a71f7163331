import { HispatecSoapError } from '../../../../../nodes/shared/hispatec/soap/errors';
import { redactSoapError } from '../../../../../nodes/shared/hispatec/soap/redact';

describe('redactSoapError', () => {
	it('redacts the password and the token from every text of an error', () => {
		const error = new HispatecSoapError('fault', 'fault for Login: bad password s3cr3t!', {
			hint: 'token tok-123 and s3cr3t!',
			bodySnippet: '<x>s3cr3t!</x>',
			fault: {
				version: '1.1',
				code: 'soap:Server',
				codeName: 'Server',
				message: 'echo s3cr3t!',
				detail: 'tok-123',
			},
		});
		const clean = redactSoapError(error, ['s3cr3t!', 'tok-123', undefined]);
		expect(clean.message).toBe('fault for Login: bad password ***');
		expect(clean.hint).toBe('token *** and ***');
		expect(clean.details.bodySnippet).toBe('<x>***</x>');
		expect(clean.fault).toMatchObject({ message: 'echo ***', detail: '***' });
		expect(JSON.stringify(clean.details)).not.toMatch(/s3cr3t|tok-123/);
		const echoed = new HispatecSoapError(
			'fault',
			'fault for Login: <Password>p&amp;&quot;&lt;w&#39;d</Password>',
			{
				fault: {
					version: '1.1',
					code: 'soap:Server',
					codeName: 'Server',
					message: 'echo p&amp;&quot;&lt;w&apos;d',
				},
			},
		);
		const cleanEchoed = redactSoapError(echoed, ['p&"<w\'d']);
		expect(cleanEchoed.message).toBe('fault for Login: <Password>***</Password>');
		expect(cleanEchoed.fault?.message).toBe('echo ***');
		const untouched = new HispatecSoapError('http', 'nothing secret');
		expect(redactSoapError(untouched, ['s3cr3t!'])).toBe(untouched);
	});
});
