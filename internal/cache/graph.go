package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
)

// Encode writes v, a pointer to a value made of structs, slices, maps,
// pointers, strings, numbers and booleans, so that Decode gives it back
// with the same sharing of pointers: a value that two pointers point to
// is decoded once, and cycles (a section's parent, which lists the
// section) are kept. encoding/gob repeats shared values and cannot write
// cycles. Unexported fields, interfaces, functions and channels are not
// written: such a type gives an error, so the caller does without the
// cache for it.
func Encode(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, errors.New("cache: Encode wil een pointer")
	}
	c, err := codecOf(rv.Type())
	if err != nil {
		return nil, err
	}
	e := &encoder{seen: map[ptrKey]uint64{}}
	c.enc(e, rv)
	return e.b, nil
}

// Decode reads what Encode wrote into v, a pointer of the same type.
func Decode(b []byte, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("cache: Decode wil een pointer")
	}
	c, err := codecOf(rv.Type())
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cache: onleesbare gegevens: %v", r)
		}
	}()
	d := &decoder{b: b}
	// The top pointer is new in the stream: decode into v itself.
	if d.uvarint() != 1 {
		return errors.New("cache: onleesbare gegevens")
	}
	d.ptrs = append(d.ptrs, rv)
	c.elem.dec(d, rv.Elem())
	if len(d.b) != 0 {
		return errors.New("cache: gegevens over")
	}
	return nil
}

type ptrKey struct {
	t reflect.Type
	p uintptr
}

type encoder struct {
	b    []byte
	seen map[ptrKey]uint64 // pointer → its number in the stream
}

type decoder struct {
	b    []byte
	ptrs []reflect.Value // by number
}

func (d *decoder) uvarint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		panic("uvarint")
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) varint() int64 {
	x, n := binary.Varint(d.b)
	if n <= 0 {
		panic("varint")
	}
	d.b = d.b[n:]
	return x
}

// length writes the length of a slice or map, 0 for nil (nil and empty
// stay apart), and reports whether its elements follow.
func (e *encoder) length(v reflect.Value) bool {
	if v.IsNil() {
		e.b = append(e.b, 0)
		return false
	}
	e.b = binary.AppendUvarint(e.b, uint64(v.Len())+1)
	return true
}

// length reads what encoder.length wrote: false for nil. Every element
// takes at least a byte, so a length beyond the data left is damage.
func (d *decoder) length() (int, bool) {
	n := d.uvarint()
	if n == 0 {
		return 0, false
	}
	if n-1 > uint64(len(d.b)) {
		panic("length")
	}
	return int(n - 1), true
}

// codec writes and reads values of one type.
type codec struct {
	enc  func(*encoder, reflect.Value)
	dec  func(*decoder, reflect.Value)
	elem *codec // of a pointer's element
}

var codecs sync.Map // reflect.Type → *codec

func codecOf(t reflect.Type) (*codec, error) {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec), nil
	}
	building := map[reflect.Type]*codec{}
	c, err := build(t, building)
	if err != nil {
		return nil, err
	}
	for t, c := range building {
		codecs.Store(t, c)
	}
	return c, nil
}

func build(t reflect.Type, building map[reflect.Type]*codec) (*codec, error) {
	if c, ok := building[t]; ok {
		return c, nil // filled in below (a recursive type)
	}
	c := &codec{}
	building[t] = c
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(e *encoder, v reflect.Value) {
			e.b = append(e.b, b2u(v.Bool()))
		}
		c.dec = func(d *decoder, v reflect.Value) {
			v.SetBool(d.b[0] != 0)
			d.b = d.b[1:]
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *encoder, v reflect.Value) { e.b = binary.AppendVarint(e.b, v.Int()) }
		c.dec = func(d *decoder, v reflect.Value) { v.SetInt(d.varint()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(e *encoder, v reflect.Value) { e.b = binary.AppendUvarint(e.b, v.Uint()) }
		c.dec = func(d *decoder, v reflect.Value) { v.SetUint(d.uvarint()) }
	case reflect.Float32, reflect.Float64:
		c.enc = func(e *encoder, v reflect.Value) {
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
		}
		c.dec = func(d *decoder, v reflect.Value) {
			v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.b)))
			d.b = d.b[8:]
		}
	case reflect.String:
		c.enc = func(e *encoder, v reflect.Value) {
			s := v.String()
			e.b = binary.AppendUvarint(e.b, uint64(len(s)))
			e.b = append(e.b, s...)
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n := d.uvarint()
			v.SetString(string(d.b[:n]))
			d.b = d.b[n:]
		}
	case reflect.Pointer:
		elem, err := build(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		c.elem = elem
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.b = append(e.b, 0)
				return
			}
			k := ptrKey{t, v.Pointer()}
			if n, ok := e.seen[k]; ok {
				e.b = binary.AppendUvarint(e.b, n+2)
				return
			}
			e.seen[k] = uint64(len(e.seen))
			e.b = append(e.b, 1)
			elem.enc(e, v.Elem())
		}
		c.dec = func(d *decoder, v reflect.Value) {
			switch n := d.uvarint(); n {
			case 0:
			case 1:
				p := reflect.New(t.Elem())
				d.ptrs = append(d.ptrs, p)
				v.Set(p)
				elem.dec(d, p.Elem())
			default:
				v.Set(d.ptrs[n-2])
			}
		}
	case reflect.Slice:
		elem, err := build(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if e.length(v) {
				for i := range v.Len() {
					elem.enc(e, v.Index(i))
				}
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n, ok := d.length()
			if !ok {
				return
			}
			s := reflect.MakeSlice(t, n, n)
			for i := range n {
				elem.dec(d, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Array:
		elem, err := build(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for i := range v.Len() {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			for i := range v.Len() {
				elem.dec(d, v.Index(i))
			}
		}
	case reflect.Map:
		key, err := build(t.Key(), building)
		if err != nil {
			return nil, err
		}
		elem, err := build(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if !e.length(v) {
				return
			}
			it := v.MapRange()
			for it.Next() {
				key.enc(e, it.Key())
				elem.enc(e, it.Value())
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			n, ok := d.length()
			if !ok {
				return
			}
			m := reflect.MakeMapWithSize(t, n)
			for range n {
				k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
				key.dec(d, k)
				elem.dec(d, x)
				m.SetMapIndex(k, x)
			}
			v.Set(m)
		}
	case reflect.Struct:
		var fields []*codec
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return nil, fmt.Errorf("cache: %s.%s is niet te bewaren (niet geëxporteerd)", t, f.Name)
			}
			fc, err := build(f.Type, building)
			if err != nil {
				return nil, err
			}
			fields = append(fields, fc)
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for i, f := range fields {
				f.enc(e, v.Field(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) {
			for i, f := range fields {
				f.dec(d, v.Field(i))
			}
		}
	default:
		return nil, fmt.Errorf("cache: %s is niet te bewaren", t)
	}
	return c, nil
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}
